package cn.gridgov.incident.category;

import cn.gridgov.incident.deadline.DeadlineUnit;
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
 * A kind of incident (井盖破损) or a group of them (公共设施): its code, who handles it by default and
 * its deadline. Groups have no parent; incidents are reported under categories, not groups.
 */
@Entity
@Table(name = "incident_category")
public class Category {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(name = "parent_id")
    public Long parentId;

    @Enumerated(EnumType.STRING)
    @Column(name = "handling_level", nullable = false)
    public HandlingLevel handlingLevel;

    @Column(name = "deadline_amount", nullable = false)
    public int deadlineAmount;

    @Enumerated(EnumType.STRING)
    @Column(name = "deadline_unit", nullable = false)
    public DeadlineUnit deadlineUnit;

    @Column(nullable = false)
    public boolean active = true;

    @Column(name = "sort_order", nullable = false)
    public int sortOrder;

    @Version
    public int version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean isGroup() {
        return parentId == null;
    }
}
