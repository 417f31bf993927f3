package cn.gridgov.proof;

import cn.gridgov.proof.ScopeWorld.Caller;
import cn.gridgov.proof.ScopeWorld.Scope;
import cn.gridgov.proof.ScopeWorld.Side;
import io.restassured.response.Response;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One row of the scope matrix ({@link ScopeMatrix}): an operation of the OpenAPI document and either how it is
 * tested inside and outside each caller's scope, or why it is not (a reason, never silence).
 *
 * @param operation  "METHOD /path/{template}" exactly as in the document
 * @param scopes     whose scope is checked (empty: not scoped, see {@code reason})
 * @param probe      sends the request about a side's object
 * @param inside     the answer expected inside the caller's scope
 * @param outside    the status expected outside it
 * @param unchanged  for writes: the outside object's state, read before and after the refused request (null: a read)
 * @param roles      only these roles (empty: every role of the scopes the operation lets in)
 * @param reason     why the row is not scoped, or a note on how it is
 * @param leak       for an outside answer of 200 (a list narrowed to the caller's scope): what would show the outside
 */
record ScopeRow(String operation, Set<Scope> scopes, Probe probe, Inside inside, int outside, State unchanged,
                Set<String> roles, String reason, Leak leak) {

    /** For lists and filters answered 200 outside: what in the answer would show the outside side (null: nothing). */
    @FunctionalInterface
    interface Leak {
        String in(Response answer, Side outside);
    }

    /** Sends the row's request as {@code caller} about {@code side}'s object. */
    @FunctionalInterface
    interface Probe {
        Response send(ScopeWorld world, Caller caller, Side side);
    }

    /** What a side's object looks like now, as text (compared before and after a refused write). */
    @FunctionalInterface
    interface State {
        String of(ScopeWorld world, Side side);
    }

    /** The answer expected inside: a status test and how the matrix shows it. */
    record Inside(String shown, java.util.function.IntPredicate test) {
        static final Inside SUCCESS = new Inside("2xx", s -> s >= 200 && s < 300);

        static Inside status(int expected) {
            return new Inside(Integer.toString(expected), s -> s == expected);
        }
    }

    static ScopeRow scoped(String operation, Probe probe, int outside, Scope... scopes) {
        return new ScopeRow(operation, EnumSet.copyOf(List.of(scopes)), probe, Inside.SUCCESS, outside, null, Set.of(),
                null, null);
    }

    static ScopeRow notScoped(String operation, String reason) {
        return new ScopeRow(operation, Set.of(), null, null, 0, null, Set.of(), "not scoped: " + reason, null);
    }

    /** A scoped operation whose inside/outside case is, for now, in its domain's test ({@code where}), not here. */
    static ScopeRow elsewhere(String operation, String where) {
        return new ScopeRow(operation, Set.of(), null, null, 0, null, Set.of(), "scoped, tested elsewhere: " + where,
                null);
    }

    /** A scoped write: the outside object's {@code state} must be the same after the refused request. */
    ScopeRow unchanged(State state) {
        return new ScopeRow(operation, scopes, probe, inside, outside, state, roles, reason, leak);
    }

    /** Only these roles (the others the operation lets in are named in {@code why}). */
    ScopeRow only(String why, String... only) {
        return new ScopeRow(operation, scopes, probe, inside, outside, unchanged, new LinkedHashSet<>(List.of(only)),
                why, leak);
    }

    ScopeRow inside(Inside expected) {
        return new ScopeRow(operation, scopes, probe, expected, outside, unchanged, roles, reason, leak);
    }

    ScopeRow note(String note) {
        return new ScopeRow(operation, scopes, probe, inside, outside, unchanged, roles, note, leak);
    }

    /** Outside answers 200 (a list or filter narrowed to the caller's scope): {@code leak} must find nothing in it. */
    ScopeRow narrowed(Leak check) {
        return new ScopeRow(operation, scopes, probe, inside, 200, unchanged, roles, reason, check);
    }

    boolean isScoped() {
        return !scopes.isEmpty();
    }
}
