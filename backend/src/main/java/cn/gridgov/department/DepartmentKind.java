package cn.gridgov.department;

/** What a department is: a county functional department, a local station tied to a town, or a utility. */
public enum DepartmentKind {
    /** 职能部门: 住建局, 城管局, 市场监管局, 应急管理局, … */
    DEPARTMENT,
    /** A department's local station, tied to one town: 派出所, 供电所, a town's 综合行政执法队. */
    STATION,
    /** A public-service enterprise: 供水, 供电, 燃气. */
    ENTERPRISE
}
