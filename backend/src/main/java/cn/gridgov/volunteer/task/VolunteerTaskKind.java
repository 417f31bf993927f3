package cn.gridgov.volunteer.task;

/** What a volunteer task is: a service (为民服务), a patrol (巡逻) or an event (活动). */
public enum VolunteerTaskKind {
    SERVICE, PATROL, EVENT
}
