package dev.sluice.braze.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/** Every profile the sandbox accepted, by identifier. */
final class ProfileStore {

    private final Map<UserId, Profile> profiles = new ConcurrentHashMap<>();

    /**
     * Runs {@code change} on the user's profile while holding its lock, so objects for one user
     * in concurrent requests do not interleave.
     *
     * @param create whether a missing profile is created; if not, nothing happens
     * @return whether the profile existed or was created
     */
    boolean update(UserId user, boolean create, Consumer<Profile> change) {
        Profile profile = create ? profiles.computeIfAbsent(user, u -> new Profile()) : profiles.get(user);
        if (profile == null) {
            return false;
        }
        synchronized (profile) {
            change.accept(profile);
        }
        return true;
    }

    /** The profile as Braze shows it: the identifier fields, then the attributes; deeply unmodifiable. */
    Optional<Map<String, Object>> view(UserId user) {
        Profile profile = profiles.get(user);
        if (profile == null) {
            return Optional.empty();
        }
        Map<String, Object> view = user.fields();
        synchronized (profile) {
            view.putAll(profile.attributes());
        }
        return Optional.of(frozen(view));
    }

    /** Events recorded for the user; 0 for an unknown user. */
    int events(UserId user) {
        return read(user, Profile::events);
    }

    /** Purchases recorded for the user; 0 for an unknown user. */
    int purchases(UserId user) {
        return read(user, Profile::purchases);
    }

    private int read(UserId user, ToIntFunction<Profile> counter) {
        Profile profile = profiles.get(user);
        if (profile == null) {
            return 0;
        }
        synchronized (profile) {
            return counter.applyAsInt(profile);
        }
    }

    int size() {
        return profiles.size();
    }

    void clear() {
        profiles.clear();
    }

    /** Copies lists and maps so callers can neither change the store nor see it change. */
    @SuppressWarnings("unchecked")
    private static <T> T frozen(T value) {
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(frozen(v)));
            return (T) Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, frozen(v)));
            return (T) Collections.unmodifiableMap(copy);
        }
        return value;
    }
}
