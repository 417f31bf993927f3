package cn.gridgov.common.error;

/**
 * One offending part of a request: where it is ({@code field}, a JSON path or a feature index),
 * and why it was refused.
 */
public record FieldError(String field, String message) {
}
