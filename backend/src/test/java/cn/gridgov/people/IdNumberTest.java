package cn.gridgov.people;

import cn.gridgov.people.person.IdNumber;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GB 11643 ID numbers: the checksum, the birth date and the gender read from them. */
class IdNumberTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    @Test
    void aValidNumberGivesItsBirthDateAndGender() {
        IdNumber.Parsed parsed = IdNumber.parse("11010519491231002x", TODAY);
        assertNull(parsed.problem());
        assertEquals("11010519491231002X", parsed.number().value());
        assertEquals(LocalDate.of(1949, 12, 31), parsed.number().birthDate());
        assertEquals(IdNumber.Gender.FEMALE, parsed.number().gender());
        IdNumber male = IdNumber.parse("110101199003074514", TODAY).number();
        assertNotNull(male);
        assertEquals(IdNumber.Gender.MALE, male.gender());
        assertEquals("110101199003074514", IdNumber.withCheck("11010119900307451"));
    }

    @Test
    void wrongChecksumLengthAndDatesAreRefusedInChinese() {
        assertTrue(IdNumber.parse("110101199003074515", TODAY).problem().zh().contains("校验位"));
        assertTrue(IdNumber.parse("11010119900307451", TODAY).problem().zh().contains("18 位"));
        assertTrue(IdNumber.parse("11010119900230451X", TODAY).problem().zh().contains("出生日期无效"));
        String future = IdNumber.withCheck("11010120300101451");
        assertTrue(IdNumber.parse(future, TODAY).problem().zh().contains("出生日期不合理"));
    }
}
