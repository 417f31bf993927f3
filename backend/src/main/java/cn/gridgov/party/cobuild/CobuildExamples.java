package cn.gridgov.party.cobuild;

/** The JSON examples of the co-building endpoints' answers, shared by their OpenAPI annotations. */
final class CobuildExamples {

    private CobuildExamples() {
    }

    static final String AGREEMENT = """
            {"id":71,"unitId":31,"unitName":"县供电公司","unitKind":"ENTERPRISE","communityId":37,"communityName":"幸福里社区",\
            "signedOn":"2026-01-01","validUntil":"2026-12-31","communityDuties":"提供党员活动阵地，组织居民参与共建活动",\
            "unitDuties":"每季度开展一次用电安全进社区，为困难户免费检修线路","status":"ACTIVE","endReason":null,"expired":false,\
            "expiringSoon":true,"daysLeft":20,"contactName":"赵强","contactPhone":"139****5678","version":0}""";

    static final String RESOURCE = """
            {"id":12,"unitId":31,"kind":"VENUE","name":"职工活动中心多功能厅","capacity":"可容纳 80 人",\
            "availability":"每周六、周日 9:00-17:00","active":true,"version":0}""";

    static final String UNIT = "{\"id\":31,\"name\":\"县供电公司\",\"kind\":\"ENTERPRISE\",\"creditCode\":\"91140000MA0K1234XY\","
            + "\"address\":\"县城建设路 18 号\",\"contactName\":\"赵强\",\"contactPhone\":\"139****5678\",\"contactUserId\":88,"
            + "\"version\":0,\"createdAt\":\"2026-01-02T09:00:00+08:00\",\"agreements\":[" + AGREEMENT + "],\"resources\":["
            + RESOURCE + "]}";

    static final String SHARE = """
            {"id":5,"kind":"REQUEST","status":"PENDING","resourceId":12,"resourceName":"职工活动中心多功能厅",\
            "resourceKind":"VENUE","unitId":31,"unitName":"县供电公司","communityId":37,"communityName":"幸福里社区",\
            "purpose":"七一党员大会","wantedOn":"2026-07-01","declineReason":null,"usedOn":null,"outcome":null,\
            "decidedAt":null,"recordedAt":null,"allowedActions":["ACCEPT","DECLINE"],"version":0,\
            "createdAt":"2026-06-20T10:00:00+08:00"}""";

    static final String SHARE_USED = """
            {"id":5,"kind":"REQUEST","status":"USED","resourceId":12,"resourceName":"职工活动中心多功能厅",\
            "resourceKind":"VENUE","unitId":31,"unitName":"县供电公司","communityId":37,"communityName":"幸福里社区",\
            "purpose":"七一党员大会","wantedOn":"2026-07-01","declineReason":null,"usedOn":"2026-07-01",\
            "outcome":"120 名党员参加，会场秩序良好","decidedAt":"2026-06-21T09:00:00+08:00",\
            "recordedAt":"2026-07-01T18:00:00+08:00","allowedActions":[],"version":2,\
            "createdAt":"2026-06-20T10:00:00+08:00"}""";

    static final String PAGE_NOTE = "nextCursor 为空表示没有更多";
}
