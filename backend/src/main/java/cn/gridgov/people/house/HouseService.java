package cn.gridgov.people.house;

import cn.gridgov.common.error.Conflict;
import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.FieldError;
import cn.gridgov.common.error.StaleVersion;
import cn.gridgov.common.security.Actor;
import cn.gridgov.people.house.HouseholdRepository.HouseholdRow;
import cn.gridgov.people.house.HouseholdRepository.RoomRow;
import cn.gridgov.people.house.RoomCheck.Room;
import cn.gridgov.people.person.PersonRepository;
import cn.gridgov.people.person.PersonViews;
import cn.gridgov.region.Region;
import cn.gridgov.region.RegionLevel;
import cn.gridgov.region.RegionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Units, rooms and households under a building (实有房屋): the grid worker of the compound and the staff above
 * edit them within their scope, each edit carrying the version it read (409 when stale).
 */
@ApplicationScoped
public class HouseService {

    private static final int LABEL_MAX = 64;

    private final Pool pool;
    private final HouseholdRepository households;
    private final HouseholdAccess access;
    private final PersonRepository people;
    private final PersonViews views;
    private final RegionRepository regions;

    public HouseService(Pool pool, HouseholdRepository households, HouseholdAccess access, PersonRepository people,
                        PersonViews views, RegionRepository regions) {
        this.pool = pool;
        this.households = households;
        this.access = access;
        this.people = people;
        this.views = views;
        this.regions = regions;
    }

    /** The building {@code id} if it is a building within the actor's scope; 404 BUILDING_NOT_FOUND otherwise. */
    public Uni<Region> building(Actor actor, long id) {
        String scope = HouseholdAccess.staffScope(actor, "Building", "楼栋", id);
        return regions.findWithin(id, scope).map(region -> {
            if (region == null || region.level() != RegionLevel.BUILDING) {
                throw DomainException.notFound("Building", "楼栋", id);
            }
            return region;
        });
    }

    public Uni<RoomView> createRoom(Actor actor, long buildingId, RoomRequest request) {
        Room room = checked(request, false);
        return building(actor, buildingId).chain(b -> pool.withTransaction(tx -> unitOf(tx, buildingId, room.unitName())
                        .chain(unitId -> households.insertRoom(tx, buildingId, unitId, room.number(), room.floor(),
                                room.areaM2(), room.use())))
                .onFailure(PgException.class).transform(e -> numberTaken(e, room))
                .chain(id -> households.findRoom(pool, id, null)).map(r -> RoomView.of(r.orElseThrow())));
    }

    public Uni<RoomView> room(Actor actor, long id) {
        return visibleRoom(actor, id).map(RoomView::of);
    }

    public Uni<RoomView> updateRoom(Actor actor, long id, RoomRequest request) {
        Room room = checked(request, true);
        return visibleRoom(actor, id).chain(existing -> pool.withTransaction(tx ->
                        unitOf(tx, existing.buildingId(), room.unitName()).chain(unitId -> households.updateRoom(tx, id,
                                unitId, room.number(), room.floor(), room.areaM2(), room.use(), request.version()))))
                .onFailure(PgException.class).transform(e -> numberTaken(e, room))
                .chain(updated -> {
                    if (!updated) {
                        throw stale("房屋");
                    }
                    return households.findRoom(pool, id, null).map(r -> RoomView.of(r.orElseThrow()));
                });
    }

    public Uni<Void> deleteRoom(Actor actor, long id, int version) {
        return visibleRoom(actor, id).chain(existing -> pool.withTransaction(tx -> households.deleteRoom(tx, id, version)))
                .invoke(deleted -> {
                    if (!deleted) {
                        throw stale("房屋");
                    }
                }).replaceWithVoid();
    }

    public Uni<HouseholdView> createHousehold(Actor actor, long roomId, String label) {
        String l = label(label);
        return visibleRoom(actor, roomId).chain(room -> pool.withTransaction(tx -> households.insertHousehold(tx, roomId, l))
                        .onFailure(PgException.class).transform(HouseService::labelTaken))
                .chain(id -> household(pool, actor, id));
    }

    /** The household with its people (masked), if the actor may see it. */
    public Uni<HouseholdView> household(Actor actor, long id) {
        return household(pool, actor, id);
    }

    public Uni<HouseholdView> updateHousehold(Actor actor, long id, String label, Integer version) {
        String l = label(label);
        int v = required(version);
        return staffHousehold(actor, id).chain(h -> pool.withTransaction(tx -> households.updateHousehold(tx, id, l, v))
                        .onFailure(PgException.class).transform(HouseService::labelTaken))
                .chain(updated -> {
                    if (!updated) {
                        throw stale("住户");
                    }
                    return household(pool, actor, id);
                });
    }

    public Uni<Void> deleteHousehold(Actor actor, long id, int version) {
        return staffHousehold(actor, id).chain(h -> pool.withTransaction(tx -> households.deleteHousehold(tx, id, version)))
                .invoke(deleted -> {
                    if (!deleted) {
                        throw stale("住户");
                    }
                }).replaceWithVoid();
    }

    /** The household if the actor is staff in its scope (residents edit people, not the household itself). */
    Uni<HouseholdRow> staffHousehold(Actor actor, long id) {
        HouseholdAccess.staffScope(actor, "Household", "住户", id);
        return access.visible(pool, actor, id);
    }

    private Uni<HouseholdView> household(SqlClient db, Actor actor, long id) {
        return access.visible(db, actor, id).chain(h -> people.ofHouseholds(db, List.of(id))
                .map(rows -> HouseholdView.of(h, rows.stream().map(views::view).toList())));
    }

    private Uni<RoomRow> visibleRoom(Actor actor, long id) {
        String scope = HouseholdAccess.staffScope(actor, "Room", "房屋", id);
        return households.findRoom(pool, id, scope).map(found -> found.orElseThrow(() ->
                DomainException.notFound("Room", "房屋", id)));
    }

    private Uni<Long> unitOf(SqlClient tx, long buildingId, String unitName) {
        return unitName == null ? Uni.createFrom().nullItem() : households.unit(tx, buildingId, unitName);
    }

    private static Room checked(RoomRequest r, boolean edit) {
        List<FieldError> errors = new java.util.ArrayList<>(RoomCheck.problems(r).stream()
                .map(p -> new FieldError(p.field(), p.zh())).toList());
        if (edit && r.version() == null) {
            errors.add(new FieldError("version", "修改须带上读取时的版本号"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid("房屋信息有误：" + errors.get(0).message(), "Invalid room: " + errors.get(0).field(),
                    errors);
        }
        return RoomCheck.room(r);
    }

    private static String label(String label) {
        String l = blankToNull(label);
        if (l != null && l.length() > LABEL_MAX) {
            throw DomainException.invalid("户的标签过长（最多 " + LABEL_MAX + " 字）", "label is too long",
                    List.of(new FieldError("label", "最多 " + LABEL_MAX + " 字")));
        }
        return l;
    }

    static int required(Integer version) {
        if (version == null) {
            throw DomainException.invalid("修改须带上读取时的版本号 version", "version is required",
                    List.of(new FieldError("version", "必填")));
        }
        return version;
    }

    public static StaleVersion stale(String zhWhat) {
        return new StaleVersion(zhWhat + "已被他人修改，请刷新后重试", "Changed since you read it; reload and retry");
    }

    private static Throwable numberTaken(Throwable e, Room room) {
        PgException pg = (PgException) e;
        if ("23505".equals(pg.getSqlState()) && HouseholdRepository.ROOM_NUMBER_UNIQUE.equals(pg.getConstraint())) {
            return new Conflict("ROOM_NUMBER_TAKEN", "该单元已有房号 " + room.number(),
                    "The unit already has a room " + room.number());
        }
        return e;
    }

    private static Throwable labelTaken(Throwable e) {
        PgException pg = (PgException) e;
        if ("23505".equals(pg.getSqlState()) && HouseholdRepository.LABEL_UNIQUE.equals(pg.getConstraint())) {
            return new Conflict("HOUSEHOLD_LABEL_TAKEN", "该房屋已有同一标签的住户（同一房屋多户请用不同标签区分）",
                    "The room already has a household with this label");
        }
        return e;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
