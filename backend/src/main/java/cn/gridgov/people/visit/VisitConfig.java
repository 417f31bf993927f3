package cn.gridgov.people.visit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Key-group visits (gridgov.visits.*). */
@ConfigMapping(prefix = "gridgov.visits")
public interface VisitConfig {

    /**
     * How far (metres) from its building's footprint or point a home visit may be recorded before it is flagged as
     * far from the building (still accepted: phones' positions drift, a visit may happen at the gate).
     */
    @WithDefault("150")
    double toleranceMetres();
}
