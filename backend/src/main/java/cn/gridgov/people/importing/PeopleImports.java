package cn.gridgov.people.importing;

import cn.gridgov.common.imports.RowProblem;
import cn.gridgov.common.imports.RowsRejected;
import cn.gridgov.common.security.Actor;
import cn.gridgov.people.house.HouseService;
import cn.gridgov.people.house.HouseholdRepository;
import cn.gridgov.people.house.RoomCheck;
import cn.gridgov.people.person.PersonCheck;
import cn.gridgov.people.person.PersonRepository;
import cn.gridgov.people.person.PersonService;
import cn.gridgov.people.person.PersonViews;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk import of a building's rooms, households and people from CSV or Excel, all or nothing: every row is checked
 * (room fields, the person's fields with the ID-number checksum, ID numbers unique in the file and the county) and
 * any problem refuses the whole file with a row-by-row report in Chinese (422 PEOPLE_IMPORT_REJECTED); otherwise
 * everything is written in one transaction. Rooms already in the building (same unit and door number) and
 * households already in a room (same label) are reused, so a corrected file can be imported again.
 */
@ApplicationScoped
public class PeopleImports {

    private final Pool pool;
    private final HouseService houses;
    private final HouseholdRepository households;
    private final PersonRepository people;
    private final PersonService persons;
    private final PersonViews views;

    public PeopleImports(Pool pool, HouseService houses, HouseholdRepository households, PersonRepository people,
                         PersonService persons, PersonViews views) {
        this.pool = pool;
        this.houses = houses;
        this.households = households;
        this.people = people;
        this.persons = persons;
        this.views = views;
    }

    /** What an import wrote. */
    @Schema(name = "PeopleImportResult")
    public record Imported(@Schema(description = "新建的房屋数") int rooms, @Schema(description = "新建的住户数") int households,
                           @Schema(description = "新增的人员数") int people) {
    }

    private record Checked(PeopleFile.Row row, RoomCheck.Room room, PersonCheck.Draft person) {
        String roomKey() {
            return (room.unitName() == null ? "" : room.unitName()) + "\u0000" + room.number();
        }

        String householdKey() {
            return roomKey() + "\u0000" + (row.household() == null ? "" : row.household());
        }
    }

    public Uni<Imported> importFile(Actor actor, long buildingId, byte[] bytes) {
        return houses.building(actor, buildingId).chain(b -> {
            List<PeopleFile.Row> rows = PeopleFile.read(bytes);
            LocalDate today = persons.today();
            List<RowProblem> problems = new ArrayList<>();
            List<Checked> checked = new ArrayList<>();
            Map<ByteBuffer, Integer> idRow = new HashMap<>();
            Map<ByteBuffer, Checked> byId = new HashMap<>();
            for (PeopleFile.Row row : rows) {
                String key = key(row);
                int before = problems.size();
                row.unreadable().forEach(u -> problems.add(RowProblem.at(row.number(), key, u.field(), u.zh(), u.en())));
                RoomCheck.problems(row.room()).stream()
                        .filter(p -> row.unreadable().stream().noneMatch(u -> u.field().equals(p.field())))
                        .forEach(p -> problems.add(RowProblem.at(row.number(), key, p.field(), p.zh(), p.en())));
                PersonCheck.Draft draft = null;
                if (row.person() != null) {
                    PersonCheck.Result result = PersonCheck.check(row.person(), today);
                    result.problems().forEach(p -> problems.add(RowProblem.at(row.number(), key, p.field(), p.zh(), p.en())));
                    draft = result.draft();
                }
                if (draft != null && draft.idNumber() != null) {
                    ByteBuffer hash = ByteBuffer.wrap(views.hash(draft.idNumber().value()));
                    Integer first = idRow.putIfAbsent(hash, row.number());
                    if (first != null) {
                        problems.add(RowProblem.at(row.number(), key, "idNumber", "身份证号在文件中重复（第 " + first + " 行已有）",
                                "the ID number appears twice in the file (first on row " + first + ")"));
                    }
                }
                if (problems.size() == before) {
                    Checked c = new Checked(row, RoomCheck.room(row.room()), draft);
                    checked.add(c);
                    if (draft != null && draft.idNumber() != null) {
                        byId.put(ByteBuffer.wrap(views.hash(draft.idNumber().value())), c);
                    }
                }
            }
            List<byte[]> hashes = byId.keySet().stream().map(ByteBuffer::array).toList();
            return people.idNumbersTaken(pool, hashes, null).chain(taken -> {
                for (ByteBuffer t : taken) {
                    Checked c = byId.get(t);
                    if (c != null) {
                        problems.add(RowProblem.at(c.row().number(), key(c.row()), "idNumber", "该身份证号已登记在本县的其他住户中",
                                "the ID number is already registered"));
                    }
                }
                if (!problems.isEmpty()) {
                    throw new RowsRejected("PEOPLE_IMPORT_REJECTED", problems);
                }
                return pool.withTransaction(tx -> write(tx, actor, buildingId, checked))
                        .onFailure(PgException.class).transform(PeopleImports::race);
            });
        });
    }

    private Uni<Imported> write(SqlClient tx, Actor actor, long buildingId, List<Checked> rows) {
        PersonRepository.Writer by = new PersonRepository.Writer(actor.userId(), "IMPORT");
        int[] counts = new int[3];
        Map<String, Long> roomIds = new HashMap<>();
        Map<String, Long> householdIds = new HashMap<>();
        return households.roomsOf(tx, buildingId).chain(existing -> {
            existing.forEach(r -> roomIds.put((r.unitName() == null ? "" : r.unitName()) + "\u0000" + r.number(), r.id()));
            Map<String, Checked> firstOfRoom = new LinkedHashMap<>();
            rows.forEach(c -> firstOfRoom.putIfAbsent(c.roomKey(), c));
            return Multi.createFrom().iterable(firstOfRoom.values()).onItem().transformToUniAndConcatenate(c -> {
                if (roomIds.containsKey(c.roomKey())) {
                    return Uni.createFrom().voidItem();
                }
                RoomCheck.Room room = c.room();
                Uni<Long> unit = room.unitName() == null ? Uni.createFrom().nullItem()
                        : households.unit(tx, buildingId, room.unitName());
                return unit.chain(unitId -> households.insertRoom(tx, buildingId, unitId, room.number(), room.floor(),
                        room.areaM2(), room.use())).invoke(id -> {
                    roomIds.put(c.roomKey(), id);
                    counts[0]++;
                }).replaceWithVoid();
            }).collect().last();
        }).chain(() -> Multi.createFrom().iterable(rows)
                .filter(c -> c.person() != null || c.row().household() != null)
                .onItem().transformToUniAndConcatenate(c -> household(tx, c, roomIds, householdIds, counts)
                        .chain(householdId -> c.person() == null ? Uni.createFrom().voidItem()
                                : people.insert(tx, householdId, views.seal(c.person()), by).invoke(id -> counts[2]++)
                                .replaceWithVoid()))
                .collect().last())
                .map(v -> new Imported(counts[0], counts[1], counts[2]));
    }

    private Uni<Long> household(SqlClient tx, Checked c, Map<String, Long> roomIds, Map<String, Long> householdIds,
                                int[] counts) {
        Long known = householdIds.get(c.householdKey());
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        long roomId = roomIds.get(c.roomKey());
        return households.findByLabel(tx, roomId, c.row().household()).chain(found -> found.isPresent()
                ? Uni.createFrom().item(found.get())
                : households.insertHousehold(tx, roomId, c.row().household()).invoke(id -> counts[1]++))
                .invoke(id -> householdIds.put(c.householdKey(), id));
    }

    private static String key(PeopleFile.Row row) {
        String unit = row.room().unitName();
        String number = row.room().number();
        return number == null ? null : (unit == null ? "" : unit.strip() + " ") + number.strip();
    }

    private static Throwable race(Throwable e) {
        PgException pg = (PgException) e;
        return "23505".equals(pg.getSqlState()) && PersonRepository.ID_NUMBER_UNIQUE.equals(pg.getConstraint())
                ? PersonService.idNumberTaken() : e;
    }
}
