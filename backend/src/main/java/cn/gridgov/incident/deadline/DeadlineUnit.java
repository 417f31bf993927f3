package cn.gridgov.incident.deadline;

/** How a deadline is counted: in working hours or in working days (each as long as the configured working day). */
public enum DeadlineUnit {
    WORKING_HOURS, WORKING_DAYS
}
