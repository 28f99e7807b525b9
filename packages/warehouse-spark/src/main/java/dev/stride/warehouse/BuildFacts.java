package dev.stride.warehouse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The load step as a Spark job: events in, {@code lead_firsts} and {@code facts} out as Parquet, facts partitioned
 * by bank-local day, for the reference server (DuckDB reading the files) to answer from. "Spark builds, the server
 * answers" (docs/warehouse.md). Submitted like any Spark application:
 *
 * <pre>
 *   spark-submit --master local[2] --class dev.stride.warehouse.BuildFacts stride-warehouse-spark.jar \
 *     --events events.parquet --sql sql-spark/ --out facts-out/ \
 *     --offset-ms 28800000 --claim-ms 86400000 --followup-ms 259200000 --logged-ms 86400000
 * </pre>
 *
 * {@code --sql} holds packages/server/sql/load/{events,lead_firsts,facts}.sql as the Spark dialect spells them
 * (test/engines/spark-job.ts writes them from the one source), one statement per file, parameters {@code :name}.
 * Events are a Parquet, CSV (header) or JSON-lines file with the columns at, type, leadId, managerId,
 * customerId, gridId, amount: the export a bank's events table gives.
 */
public final class BuildFacts {
  private static final Pattern MARKER = Pattern.compile(":([a-z_][a-z0-9_]*)");

  private BuildFacts() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new LinkedHashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    String events = required(args, "events");
    Path sql = Path.of(required(args, "sql"));
    String out = required(args, "out");
    Map<String, Object> params = new LinkedHashMap<>();
    for (String name : List.of("offset-ms", "claim-ms", "followup-ms", "logged-ms")) {
      params.put(name.replace('-', '_'), Long.parseLong(required(args, name)));
    }

    SparkSession spark = SparkSession.builder()
        .appName("stride-build-facts")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.warehouse.dir", out + "/_work")
        .getOrCreate();
    long started = System.nanoTime();

    Dataset<Row> raw = events.endsWith(".parquet") ? spark.read().parquet(events)
        : events.endsWith(".csv") ? spark.read().option("header", "true").csv(events)
        : spark.read().json(events);
    raw.createOrReplaceTempView("events_input");
    // file order as the event sequence (ties in time keep it); amount as a double whatever the file typed
    spark.sql("CREATE OR REPLACE TEMPORARY VIEW events_raw AS SELECT monotonically_increasing_id() AS seq, "
        + "CAST(`at` AS STRING) AS event_at, CAST(type AS STRING) AS type, CAST(leadId AS STRING) AS lead_id, "
        + "CAST(managerId AS STRING) AS manager_id, CAST(customerId AS STRING) AS customer_id, "
        + "CAST(gridId AS STRING) AS grid_id, TRY_CAST(amount AS DOUBLE) AS amount FROM events_input");

    for (String file : List.of("events.sql", "lead_firsts.sql", "facts.sql")) {
      String text = Files.readString(sql.resolve(file), StandardCharsets.UTF_8);
      spark.sql("DROP TABLE IF EXISTS " + file.replace(".sql", ""));
      spark.sql(text, used(text, params));
    }

    spark.table("facts").write().mode("overwrite").partitionBy("day").parquet(out + "/facts");
    spark.table("lead_firsts").write().mode("overwrite").parquet(out + "/lead_firsts");
    long facts = spark.read().parquet(out + "/facts").count();
    System.out.printf("stride-build-facts: %d events, %d facts, %d leads in %.1f s%n", raw.count(), facts,
        spark.read().parquet(out + "/lead_firsts").count(), (System.nanoTime() - started) / 1e9);
    spark.stop();
  }

  /** The arguments a statement names (Spark refuses unused named arguments). */
  private static Map<String, Object> used(String text, Map<String, Object> params) {
    Map<String, Object> out = new LinkedHashMap<>();
    Matcher m = MARKER.matcher(text);
    while (m.find()) {
      String name = m.group(1);
      if (!params.containsKey(name)) throw new IllegalArgumentException("no value for :" + name);
      out.put(name, params.get(name));
    }
    return out;
  }

  private static String required(Map<String, String> args, String name) {
    String value = args.get(name);
    if (value == null) throw new IllegalArgumentException("missing --" + name);
    return value;
  }
}
