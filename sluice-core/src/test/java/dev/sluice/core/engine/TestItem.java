package dev.sluice.core.engine;

import dev.sluice.core.record.Record;
import dev.sluice.core.record.Value;

/** A minimal item for engine tests: the first column as key and the whole record kept. */
record TestItem(String key, Record record, int size) implements SinkItem {

    static TestItem of(Record record) {
        Value id = record.values()[0];
        String key = id instanceof Value.Str s ? s.value() : String.valueOf(id);
        return new TestItem(key, record, 10);
    }

    @Override
    public String orderingKey() {
        return key;
    }

    @Override
    public int sizeBytes() {
        return size;
    }
}
