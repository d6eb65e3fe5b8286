package io.mentorhub.connectors.workday;

/** The connector contract against a fake Workday custom report (RaaS). */
class WorkdayRaasContractIT extends WorkdayTestSupport {

    @Override
    boolean raas() {
        return true;
    }
}
