package cn.gridgov.incident;

/** Where an incident came from: a grid worker's report or patrol, a resident's request, the 12345 hotline, a task from above, another system through Open311, a key-group visit's follow-up. */
public enum IncidentSource {
    GRID_REPORT, PATROL, RESIDENT, HOTLINE, ASSIGNED, OPEN311, VISIT
}
