package cn.gridgov.department;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A department as other records name it. */
@Schema(name = "DepartmentRef")
public record DepartmentRef(long id, String code, String name) {
}
