package io.mentorhub.connectors.workday;

/** The connector contract against a fake Workday REST workers API. */
class WorkdayWorkersContractIT extends WorkdayTestSupport {

    @Override
    boolean raas() {
        return false;
    }
}
