package io.arca.pg.restore;

import io.arca.pg.RestoreOptions.Mode;
import io.arca.pg.RestoreOptions;
import io.arca.pg.restore.TargetInspection.ExistingTable;
import java.util.ArrayList;
import java.util.List;

/**
 * What the real run of a restore needs of the connected user, as sentences for a preview — whether or not the user
 * has it ({@link TargetInspection#privilegeProblems()} says what is lacking).
 */
final class NeededPrivileges {
    private NeededPrivileges() {
    }

    static List<String> of(RestoreOptions options, RestorePlan plan, TargetInspection target, String database) {
        List<String> needed = new ArrayList<>();
        if (!target.databaseExists()) {
            needed.add("the CREATEDB attribute (or a superuser) to create database " + database);
        }
        if (options.mode() == Mode.MERGE) {
            needed.addAll(MergePrivileges.needed(options.onConflict(), database));
            return needed;
        }
        List<String> tables = target.existingTables().stream().map(ExistingTable::qualifiedName).toList();
        if (options.dataOnly()) {
            needed.add("ownership of each loaded table (it is emptied, its user triggers are disabled and the "
                    + "foreign keys touching it are dropped and re-added), and of the tables whose foreign keys "
                    + "reference it: " + String.join(", ", tables));
            return needed;
        }
        if (target.databaseExists()) {
            List<String> toCreate = plan.schemas().stream().filter(s -> !target.existingSchemas().contains(s))
                    .toList();
            if (!toCreate.isEmpty()) {
                needed.add("CREATE on database " + database + " to create schema " + String.join(", ", toCreate));
            }
            if (!target.existingSchemas().isEmpty()) {
                needed.add("CREATE on schema " + String.join(", ", target.existingSchemas())
                        + " to create the restored objects there");
            }
            if (options.dropExisting() && !tables.isEmpty()) {
                needed.add("ownership of the existing tables it drops and re-creates: " + String.join(", ", tables));
            }
        }
        if (!plan.rolesReferenced().isEmpty()) {
            needed.add("a superuser, or membership in each role that owns restored objects ("
                    + String.join(", ", plan.rolesReferenced().stream().sorted().toList())
                    + "), to give them their owners; or restore with skipOwnership");
        }
        if (!plan.extensions().isEmpty()) {
            needed.add("a superuser to create extension " + String.join(", ", plan.extensions().stream().sorted()
                    .toList()) + " (a trusted extension needs only CREATE on the database)");
        }
        return needed;
    }
}
