package cn.gridgov.moderation;

/** Where a flag stands: waiting, or decided (shown, or hidden). */
public enum FlagStatus { OPEN, SHOWN, HIDDEN }
