package dev.sluice.controlshift.batch;

import java.sql.SQLException;

/** Which database errors are worth a retry of the same files, as opposed to a fault of the files. */
final class Transience {
    private Transience() {
    }

    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        return state.startsWith("08")      // connection exception
                || state.startsWith("40")  // serialization failure, deadlock
                || state.startsWith("53")  // insufficient resources
                || state.startsWith("57")  // operator intervention: shutdown, cancel (statement timeout)
                || state.equals("55P03");  // lock not available
    }
}
