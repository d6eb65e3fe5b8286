package io.mentorhub.connectors.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.PreconditionFailedException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.exceptions.UnauthorizedException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.EnterpriseUserExtension;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Manager;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.UserResource;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.util.List;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.jnh.connector.JavaNetHttpConnectorProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Interoperability: a third-party SCIM 2.0 client — the UnboundID SCIM 2 SDK (Ping Identity), on Jersey — drives
 * the service provider through its own request builders, (de)serialisation and error mapping, against the engine's
 * directory on H2.
 */
class ScimInteropTest {

    ScimTestSupport scim;
    Client client;
    ScimService service;

    @BeforeEach
    void start() throws Exception {
        scim = new ScimTestSupport();
        client = newClient();
        service = new ScimService(client.target(scim.base).register((ClientRequestFilter) request ->
                request.getHeaders().putSingle("Authorization", "Bearer " + ScimTestSupport.TOKEN)));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        scim.close();
    }

    /** A JAX-RS client that can send PATCH: Jersey over the JDK's HTTP client. */
    static Client newClient() {
        return ClientBuilder.newClient(new ClientConfig().connectorProvider(new JavaNetHttpConnectorProvider()));
    }

    static UserResource user(String userName, String given, String family, String email) {
        UserResource user = new UserResource().setUserName(userName)
                .setName(new Name().setGivenName(given).setFamilyName(family)).setActive(true);
        user.setEmails(List.of(new Email().setValue(email).setType("work").setPrimary(true)));
        return user;
    }

    @Test
    void discoveryReadsAsTheSdkExpects() throws Exception {
        ServiceProviderConfigResource config = service.getServiceProviderConfig();
        assertTrue(config.getPatch().isSupported());
        assertTrue(config.getFilter().isSupported());
        assertEquals(200, config.getFilter().getMaxResults());
        assertTrue(config.getEtag().isSupported());
        assertFalse(config.getBulk().isSupported());
        assertEquals("oauthbearertoken", config.getAuthenticationSchemes().get(0).getType());
        assertEquals(2, service.getResourceTypes().getTotalResults());
        assertEquals("/Users", service.getResourceType("User").getEndpoint().toString());
        assertEquals(4, service.getSchemas().getTotalResults());
        assertTrue(service.getSchema(Schemas.ENTERPRISE).getAttributes().stream()
                .anyMatch(a -> a.getName().equals("manager")));
    }

    @Test
    void usersGoThroughTheirWholeLifecycle() throws Exception {
        UserResource boss = service.create("Users", user("barbara", "Barbara", "Liskov", "barbara@example.com"));
        UserResource ada = user("ada", "Ada", "Lovelace", "ada@example.com");
        ada.setExternalId("okta-00u1");
        ada.setTimezone("Europe/London");
        ada.setExtension(new EnterpriseUserExtension().setEmployeeNumber("1815").setDepartment("Research")
                .setManager(new Manager().setValue(boss.getId())));
        UserResource created = service.create("Users", ada);
        assertNotNull(created.getId());
        assertEquals("W/\"2\"", created.getMeta().getVersion());
        assertEquals("Europe/London", created.getTimezone());
        EnterpriseUserExtension enterprise = created.getExtension(EnterpriseUserExtension.class);
        assertEquals("1815", enterprise.getEmployeeNumber());
        assertEquals(boss.getId(), enterprise.getManager().getValue());

        UserResource read = service.retrieve("Users", created.getId(), UserResource.class);
        assertEquals("ada", read.getUserName());
        assertEquals("okta-00u1", read.getExternalId());
        assertEquals("ada@example.com", read.getEmails().get(0).getValue());

        ListResponse<UserResource> found = service.searchRequest("Users").filter(Filter.eq("userName", "ADA"))
                .page(1, 10).invoke(UserResource.class);
        assertEquals(1, found.getTotalResults());
        assertEquals(created.getId(), found.getResources().get(0).getId());
        ListResponse<UserResource> posted = service.searchRequest("Users")
                .filter(Filter.and(Filter.sw("name.familyName", "Love"), Filter.pr("emails")))
                .attributes("userName").invokePost(UserResource.class);
        assertEquals(1, posted.getTotalResults());
        assertEquals("ada", posted.getResources().get(0).getUserName());

        UserResource modified = service.modifyRequest("Users", created.getId())
                .replaceValue("title", "Countess").replaceValue("name.givenName", "Augusta")
                .invoke(UserResource.class);
        assertEquals("Countess", modified.getTitle());
        assertEquals("Augusta", modified.getName().getGivenName());

        modified.setTitle("Analyst");
        UserResource replaced = service.replaceRequest(modified).ifMatch().invoke();
        assertEquals("Analyst", replaced.getTitle());
        assertNotEquals(modified.getMeta().getVersion(), replaced.getMeta().getVersion());
        modified.setTitle("Stale");
        assertThrows(PreconditionFailedException.class, () -> service.replaceRequest(modified).ifMatch().invoke());

        UserResource deactivated = service.modifyRequest("Users", created.getId()).replaceValue("active", false)
                .invoke(UserResource.class);
        assertFalse(deactivated.getActive());

        service.delete("Users", created.getId());
        assertThrows(ResourceNotFoundException.class, () -> service.retrieve("Users", created.getId(),
                UserResource.class));
    }

    @Test
    void errorsReachTheClientAsScimErrors() throws Exception {
        service.create("Users", user("ada", "Ada", "Lovelace", "ada@example.com"));
        ResourceConflictException conflict = assertThrows(ResourceConflictException.class,
                () -> service.create("Users", user("ADA", "Ada", "Byron", "byron@example.com")));
        assertEquals("uniqueness", conflict.getScimError().getScimType());
        BadRequestException badFilter = assertThrows(BadRequestException.class,
                () -> service.search("Users", "userName eq", UserResource.class));
        assertEquals("invalidFilter", badFilter.getScimError().getScimType());
        ScimException missing = assertThrows(ScimException.class,
                () -> service.modifyRequest("Users", "nobody").replaceValue("title", "x").invoke(UserResource.class));
        assertEquals(404, missing.getScimError().getStatus());

        try (Client anonymous = newClient()) {
            ScimService withoutToken = new ScimService(anonymous.target(scim.base));
            assertThrows(UnauthorizedException.class, () -> withoutToken.search("Users", null, UserResource.class));
        }
    }

    @Test
    void groupsAndTheirMembers() throws Exception {
        UserResource ada = service.create("Users", user("ada", "Ada", "Lovelace", "ada@example.com"));
        UserResource alan = service.create("Users", user("alan", "Alan", "Turing", "alan@example.com"));
        GroupResource mentors = new GroupResource().setDisplayName("Mentors")
                .setMembers(List.of(new Member().setValue(ada.getId())));
        GroupResource created = service.create("Groups", mentors);
        assertEquals(1, created.getMembers().size());
        assertEquals("Ada Lovelace", created.getMembers().get(0).getDisplay());

        GroupResource renamed = service.modifyRequest("Groups", created.getId())
                .replaceValue("displayName", "Senior mentors").invoke(GroupResource.class);
        assertEquals("Senior mentors", renamed.getDisplayName());

        // Members only: answered with 204, which the SDK reads as "no resource returned".
        service.modifyRequest("Groups", created.getId()).addValues("members", new Member().setValue(alan.getId()))
                .invoke(GroupResource.class);
        GroupResource both = service.retrieve("Groups", created.getId(), GroupResource.class);
        assertEquals(2, both.getMembers().size());

        ListResponse<GroupResource> byName = service.searchRequest("Groups")
                .filter(Filter.eq("displayName", "senior MENTORS")).excludedAttributes("members")
                .invoke(GroupResource.class);
        assertEquals(1, byName.getTotalResults());
        UserResource adaWithGroups = service.retrieve("Users", ada.getId(), UserResource.class);
        assertEquals("Senior mentors", adaWithGroups.getGroups().get(0).getDisplay());

        service.delete("Groups", created.getId());
        assertThrows(ResourceNotFoundException.class, () -> service.retrieve("Groups", created.getId(),
                GroupResource.class));
    }
}
