package cn.gridgov.people.person;

import cn.gridgov.region.RegionSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** People (人): named SQL on the reactive client. Reads take the caller's scope (null: anywhere). */
@ApplicationScoped
public class PersonRepository {

    /** The unique index of ID numbers (one person per ID number in the county). */
    public static final String ID_NUMBER_UNIQUE = "person_id_number_unique";

    private static final String COLUMNS = "p.id, p.household_id, p.building_id, p.name, p.id_number_enc, p.phone_enc, "
            + "p.gender, p.birth_date, p.relation, p.tags, p.party_member_id, p.volunteer_id, p.version";

    /** A stored person (ID number and phone still encrypted). */
    public record PersonRow(long id, long householdId, long buildingId, String name, byte[] idNumberEnc, byte[] phoneEnc,
                            String gender, LocalDate birthDate, String relation, List<String> tags, Long partyMemberId,
                            Long volunteerId, int version) {
    }

    /** A person ready to store: encrypted values and their search hashes. */
    public record Sealed(String name, byte[] idNumberEnc, byte[] idNumberHash, byte[] phoneEnc, byte[] phoneHash,
                         String gender, LocalDate birthDate, String relation, String[] tags, Long partyMemberId,
                         Long volunteerId) {
    }

    /** Who writes a person: the user and the way (STAFF, IMPORT, RESIDENT). */
    public record Writer(long userId, String via) {
    }

    public Uni<Long> insert(SqlClient tx, long householdId, Sealed s, Writer by) {
        return tx.preparedQuery("INSERT INTO person (household_id, building_id, name, id_number_enc, id_number_hash, "
                        + "phone_enc, phone_hash, gender, birth_date, relation, tags, party_member_id, volunteer_id, "
                        + "updated_by, updated_via) SELECT h.id, h.building_id, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                        + "$12, $13, $14 FROM household h WHERE h.id = $1 RETURNING id")
                .execute(Tuple.from(new Object[]{householdId, s.name(), buf(s.idNumberEnc()), buf(s.idNumberHash()),
                        buf(s.phoneEnc()), buf(s.phoneHash()), s.gender(), s.birthDate(), s.relation(), s.tags(),
                        s.partyMemberId(), s.volunteerId(), by.userId(), by.via()}))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /**
     * Replaces a person's fields if {@code version} is current; false when it is not. With {@code ownFieldsOnly}
     * (a resident correcting their household) tags and links stay as they are.
     */
    public Uni<Boolean> update(SqlClient tx, long id, Sealed s, int version, Writer by, boolean ownFieldsOnly) {
        return tx.preparedQuery("UPDATE person SET name = $3, id_number_enc = $4, id_number_hash = $5, phone_enc = $6, "
                        + "phone_hash = $7, gender = $8, birth_date = $9, relation = $10, "
                        + "tags = CASE WHEN $16 THEN tags ELSE $11::text[] END, "
                        + "party_member_id = CASE WHEN $16 THEN party_member_id ELSE $12::bigint END, "
                        + "volunteer_id = CASE WHEN $16 THEN volunteer_id ELSE $13::bigint END, "
                        + "updated_by = $14, updated_via = $15, version = version + 1, updated_at = now() "
                        + "WHERE id = $1 AND version = $2")
                .execute(Tuple.from(new Object[]{id, version, s.name(), buf(s.idNumberEnc()), buf(s.idNumberHash()),
                        buf(s.phoneEnc()), buf(s.phoneHash()), s.gender(), s.birthDate(), s.relation(), s.tags(),
                        s.partyMemberId(), s.volunteerId(), by.userId(), by.via(), ownFieldsOnly}))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> delete(SqlClient tx, long id, int version) {
        return tx.preparedQuery("DELETE FROM person WHERE id = $1 AND version = $2").execute(Tuple.of(id, version))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The person if their building lies within {@code scope} (null: anywhere). */
    public Uni<Optional<PersonRow>> find(SqlClient db, long id, String scope) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM person p" + RegionSql.joinNode("b", "p.building_id")
                        + "WHERE p.id = $1 AND ($2::text IS NULL OR " + RegionSql.within("b", "$2") + ")")
                .execute(Tuple.of(id, scope))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(person(rows.iterator().next())) : Optional.empty());
    }

    /** The people of the households, by household then id. */
    public Uni<List<PersonRow>> ofHouseholds(SqlClient db, List<Long> householdIds) {
        if (householdIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return db.preparedQuery("SELECT " + COLUMNS + " FROM person p WHERE p.household_id = ANY($1) "
                        + "ORDER BY p.household_id, p.id")
                .execute(Tuple.of(householdIds.toArray(Long[]::new)))
                .map(PersonRepository::people);
    }

    /** The people whose ID number ({@code idNumber}) or phone hash matches, within {@code scope}; at most {@code limit}. */
    public Uni<List<PersonRow>> byHash(SqlClient db, boolean idNumber, byte[] hash, String scope, int limit) {
        String column = idNumber ? "p.id_number_hash" : "p.phone_hash";
        return db.preparedQuery("SELECT " + COLUMNS + " FROM person p" + RegionSql.joinNode("b", "p.building_id")
                        + "WHERE " + column + " = $1 AND " + RegionSql.within("b", "$2") + " ORDER BY p.id LIMIT $3")
                .execute(Tuple.of(buf(hash), scope, limit))
                .map(PersonRepository::people);
    }

    /** Which of the ID-number hashes already belong to someone (other than {@code exceptId}). */
    public Uni<Set<ByteBuffer>> idNumbersTaken(SqlClient db, List<byte[]> hashes, Long exceptId) {
        if (hashes.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        // arrays of bytea bind as the core client's Buffer[], not the Mutiny wrapper's
        io.vertx.core.buffer.Buffer[] list = hashes.stream().map(io.vertx.core.buffer.Buffer::buffer)
                .toArray(io.vertx.core.buffer.Buffer[]::new);
        return db.preparedQuery("SELECT id_number_hash FROM person WHERE id_number_hash = ANY($1) "
                        + "AND ($2::bigint IS NULL OR id <> $2)")
                .execute(Tuple.of(list, exceptId))
                .map(rows -> {
                    Set<ByteBuffer> taken = new HashSet<>();
                    rows.forEach(r -> taken.add(ByteBuffer.wrap(r.getBuffer("id_number_hash").getBytes())));
                    return taken;
                });
    }

    private static List<PersonRow> people(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<PersonRow> out = new ArrayList<>();
        rows.forEach(r -> out.add(person(r)));
        return out;
    }

    static PersonRow person(Row r) {
        String[] tags = r.getArrayOfStrings("tags");
        return new PersonRow(r.getLong("id"), r.getLong("household_id"), r.getLong("building_id"), r.getString("name"),
                bytes(r, "id_number_enc"), bytes(r, "phone_enc"), r.getString("gender"), r.getLocalDate("birth_date"),
                r.getString("relation"), tags == null ? List.of() : List.of(tags), r.getLong("party_member_id"),
                r.getLong("volunteer_id"), r.getInteger("version"));
    }

    private static byte[] bytes(Row r, String column) {
        var b = r.getBuffer(column);
        return b == null ? null : b.getBytes();
    }

    /** bytea parameters bind as the core client's Buffer: Tuple.from does not unwrap the Mutiny wrapper. */
    static io.vertx.core.buffer.Buffer buf(byte[] bytes) {
        return bytes == null ? null : io.vertx.core.buffer.Buffer.buffer(bytes);
    }
}
