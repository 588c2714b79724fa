package com.conferencegateway.session;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of the session store: RocksDB's defaults give every store instance (one
 * per partition) its own 50 MB block cache and 48 MB of memtables. Here every instance shares one
 * 32 MB cache, memtables included, as the Kafka Streams memory-management guide shows.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {
  static final long TOTAL_BYTES = 32L * 1024 * 1024;
  static final long MEMTABLE_BYTES = 8L * 1024 * 1024;

  static {
    // The native library is loaded by RocksDB's own classes; the cache below is created before any of them.
    RocksDB.loadLibrary();
  }

  private static final Cache CACHE = new LRUCache(TOTAL_BYTES, -1, false, 0.1);
  private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(CACHE);
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(WRITE_BUFFERS);
    options.setMaxWriteBufferNumber(2);
    options.setWriteBufferSize(MEMTABLE_BYTES / 4);
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and the write-buffer manager are shared by every store instance: never closed here.
  }
}
