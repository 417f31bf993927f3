package cn.gridgov.region.importing;

import cn.gridgov.region.RegionLevel;

/**
 * One refused feature of an import: its index in the file's {@code features} array (from 0), its code when it
 * has one, and why, in Chinese and English. Stored with a job; shown in the caller's language.
 */
public record FeatureProblem(int index, String code, ImportReason kind, String reasonZh, String reasonEn) {

    static FeatureProblem of(int index, String code, ImportReason kind, Object... args) {
        return new FeatureProblem(index, code, kind, kind.zh(localised(args, false)), kind.en(localised(args, true)));
    }

    /** The feature as a client sees it: {index, code, reason}. */
    public FeatureError in(boolean english) {
        return new FeatureError(index, code, english ? reasonEn : reasonZh);
    }

    /** A level reads as 县/乡镇/… in Chinese and as COUNTY/TOWN/… in English; a {@link Words} in its language. */
    private static Object[] localised(Object[] args, boolean english) {
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof RegionLevel level) {
                out[i] = english ? level.name() : level.zh();
            } else if (out[i] instanceof Words words) {
                out[i] = english ? words.en() : words.zh();
            }
        }
        return out;
    }

    /** An argument of a reason that reads differently in each language. */
    record Words(String zh, String en) {
    }

    /** The client's view of a refused feature. */
    public record FeatureError(int index, String code, String reason) {
    }
}
