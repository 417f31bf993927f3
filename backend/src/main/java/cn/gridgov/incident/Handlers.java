package cn.gridgov.incident;

import cn.gridgov.common.error.Invalid;
import cn.gridgov.common.error.OutOfScope;
import cn.gridgov.common.time.ApiTime;
import cn.gridgov.identity.staff.StaffRepository;
import cn.gridgov.party.cobuild.UnitRepository;
import cn.gridgov.party.member.PartyMemberRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * THE rule of who may be named the handler (assignee) of a dispatched incident: an active staff member, a Party
 * member linked to a mini-program user, or a co-building unit's contact linked to one; and where: one of the places
 * they serve (a staff member's node; a member's home organisation's node and approved dual registrations; the
 * communities a contact's unit has an agreement in force with) lies within the incident's owning node. Each domain
 * answers its own places through its repository.
 */
@ApplicationScoped
public class Handlers {

    private final StaffRepository staff;
    private final PartyMemberRepository partyMembers;
    private final UnitRepository cobuildUnits;
    private final Clock clock;

    public Handlers(StaffRepository staff, PartyMemberRepository partyMembers, UnitRepository cobuildUnits, Clock clock) {
        this.staff = staff;
        this.partyMembers = partyMembers;
        this.cobuildUnits = cobuildUnits;
        this.clock = clock;
    }

    /** The paths of every place where {@code userId} may handle incidents; empty when they may handle none. */
    public Uni<List<String>> placesOf(SqlClient db, long userId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ApiTime.ZONE);
        return staff.activeNodePath(db, userId).chain(node -> partyMembers.handlerPlaces(db, userId)
                .chain(member -> cobuildUnits.contactPlaces(db, userId, today).map(contact -> {
                    List<String> out = new ArrayList<>();
                    if (node != null) {
                        out.add(node);
                    }
                    out.addAll(member);
                    out.addAll(contact);
                    return out;
                })));
    }

    /** Answers {@code userId} when they may handle {@code incident}; 400 ASSIGNEE_INVALID or 403 ASSIGNEE_OUT_OF_SCOPE otherwise. */
    public Uni<Long> check(SqlClient db, Incident incident, long userId) {
        return placesOf(db, userId).map(places -> {
            if (places.isEmpty()) {
                throw new Invalid("ASSIGNEE_INVALID", "指派对象不是在岗工作人员、已关联小程序的党员或共建单位联系人：" + userId,
                        "The assignee is not an active staff member, a Party member or a co-building unit's contact: " + userId);
            }
            if (places.stream().noneMatch(path -> Workflow.contains(incident.ownerPath(), path))) {
                throw new OutOfScope("ASSIGNEE_OUT_OF_SCOPE", "只能派给本辖区内的工作人员、党员或共建单位联系人",
                        "The assignee must serve within the owning node's area");
            }
            return userId;
        });
    }
}
