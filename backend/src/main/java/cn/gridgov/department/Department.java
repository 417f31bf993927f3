package cn.gridgov.department;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * A department incidents can be whistled to (吹哨报到): a county functional department, one of its stations
 * (tied to a town) or a public-service enterprise. Maintained by county admins; its staff accounts are bound
 * to it rather than to a region node.
 */
@Entity
@Table(name = "department")
public class Department {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String code;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DepartmentKind kind;

    /** The town a station serves (a TOWN node); null for county departments and enterprises. */
    @Column(name = "town_id")
    public Long townId;

    /** The department a station belongs to, when known. */
    @Column(name = "parent_id")
    public Long parentId;

    @Column(nullable = false)
    public boolean active = true;

    @Version
    public int version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
