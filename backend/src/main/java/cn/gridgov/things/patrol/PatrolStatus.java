package cn.gridgov.things.patrol;

/** A patrol under way, or finished with its summary stored. */
public enum PatrolStatus {
    ACTIVE, FINISHED
}
