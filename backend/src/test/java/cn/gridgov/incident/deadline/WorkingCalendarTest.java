package cn.gridgov.incident.deadline;

import cn.gridgov.common.security.Role;
import cn.gridgov.identity.TestTokens;
import cn.gridgov.region.RegionFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The working calendar as data: seeded 2026, years added through the API, deadlines following at once. */
@QuarkusTest
class WorkingCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final AtomicInteger FUTURE_WEEKS = new AtomicInteger();

    private static String countyAdmin;

    @BeforeAll
    static void accounts() {
        countyAdmin = TestTokens.staffOn(RegionFixture.testCounty(), Role.COUNTY_ADMIN).token();
    }

    /** A county administrator's token. */
    static String county() {
        return countyAdmin;
    }

    @Inject
    WorkingCalendar calendar;

    @Test
    void seeded2026ScheduleDrivesDeadlines() {
        DeadlineCalculator calc = calendar.reload().await().indefinitely();
        assertEquals(at("2026-02-24T10:00"), calc.due(at("2026-02-13T10:00"), 2, DeadlineUnit.WORKING_DAYS));
        assertEquals(at("2026-10-08T10:00"), calc.due(at("2026-09-30T10:00"), 1, DeadlineUnit.WORKING_DAYS));
        given().when().get("/api/v1/calendar/2026").then().statusCode(200)
                .body("workingHours", equalTo(List.of("08:30-12:00", "14:30-18:00")))
                .body("days.find { it.date == '2026-02-14' }.kind", equalTo("MAKEUP_WORKDAY"))
                .body("days.findAll { it.kind == 'HOLIDAY' }.size()", equalTo(33))
                .body("days.findAll { it.kind == 'MAKEUP_WORKDAY' }.date", hasItems("2026-01-04", "2026-09-20", "2026-10-10"));
    }

    @Test
    void aHolidayAddedThroughTheApiMovesDeadlinesAtOnce() {
        LocalDate wednesday = someFutureWednesday();
        Instant tuesdayMorning = wednesday.minusDays(1).atTime(10, 0).atZone(SHANGHAI).toInstant();
        Instant expectedWithout = wednesday.atTime(10, 0).atZone(SHANGHAI).toInstant();
        Instant expectedWith = wednesday.plusDays(1).atTime(10, 0).atZone(SHANGHAI).toInstant();

        given().auth().oauth2(county()).contentType(ContentType.JSON)
                .body(Map.of("days", List.of(Map.of("date", wednesday.toString(), "kind", "HOLIDAY", "name", "测试假日"))))
                .when().put("/api/v1/calendar/days").then().statusCode(204);
        assertEquals(expectedWith, calendar.calculator().await().indefinitely()
                .due(tuesdayMorning, 1, DeadlineUnit.WORKING_DAYS));

        given().auth().oauth2(county()).when().delete("/api/v1/calendar/days/" + wednesday).then().statusCode(204);
        assertEquals(expectedWithout, calendar.calculator().await().indefinitely()
                .due(tuesdayMorning, 1, DeadlineUnit.WORKING_DAYS));
        given().auth().oauth2(county()).when().delete("/api/v1/calendar/days/" + wednesday).then().statusCode(404);
    }

    @Test
    void makeUpWorkdayOnAWeekdayIsRefused() {
        LocalDate wednesday = someFutureWednesday();
        given().auth().oauth2(county()).contentType(ContentType.JSON)
                .body(Map.of("days", List.of(Map.of("date", wednesday.toString(), "kind", "MAKEUP_WORKDAY", "name", "错"))))
                .when().put("/api/v1/calendar/days")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("days[0].kind"));
    }

    private static LocalDate someFutureWednesday() {
        // a week of its own for each call: random dates could meet within a run
        LocalDate d = LocalDate.of(2040, 3, 1).plusWeeks(FUTURE_WEEKS.getAndIncrement());
        while (d.getDayOfWeek() != DayOfWeek.WEDNESDAY) {
            d = d.plusDays(1);
        }
        return d;
    }

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }
}
