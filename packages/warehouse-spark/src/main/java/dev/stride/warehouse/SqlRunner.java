package dev.stride.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.spark.metrics.source.CodegenMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Runs Stride's SQL files on one local SparkSession for a driver on the other end of stdin/stdout (the engine
 * parity check, test/engines). One request per line, one answer per line:
 *
 * <pre>
 *   {"sql": "SELECT ... :from_ms ...", "args": {"from_ms": 1767196800000}}   rows of the last statement
 *   {"load": "events_raw", "file": "events_raw.jsonl"}     appends rows (JSON arrays, one a line) to a table
 * </pre>
 *
 * Answers are {@code @stride {"id":7,"ok":true,"rows":[...]}} or {@code @stride {"id":7,"ok":false,"error":"..."}}
 * (the request's {@code id}): the prefix keeps them apart from anything a library prints. Requests run on a few
 * threads at once, as a server's concurrent requests would (a small query's time in local mode is mostly
 * scheduling latency, not CPU), so answers may come back out of order. Values stay bound: arguments go to Spark's
 * named parameter markers, never into the statement text.
 */
public final class SqlRunner {
  private static final String PREFIX = "@stride ";

  private SqlRunner() {}

  public static void main(String[] argv) throws Exception {
    String master = argv.length > 0 ? argv[0] : "local[2]";
    String warehouseDir = argv.length > 1 ? argv[1] : "spark-warehouse";
    // stdout carries answers only; everything else Spark says goes to stderr
    PrintStream answers = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
    System.setOut(System.err);

    SparkSession.Builder builder = SparkSession.builder().appName("stride-sql-runner").master(master);
    for (Map.Entry<String, String> setting : settings(warehouseDir).entrySet()) {
      // a -Dspark.x=y on the java command line wins over the default here (measuring another setting)
      builder.config(setting.getKey(), System.getProperty(setting.getKey(), setting.getValue()));
    }
    SparkSession spark = builder.getOrCreate();
    // stages and jobs run so far, for the {"stats": true} request (what a case costs is mostly per stage)
    long[] counted = new long[2];
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onStageCompleted(SparkListenerStageCompleted event) {
        synchronized (counted) {
          counted[0]++;
        }
      }

      @Override
      public void onJobEnd(SparkListenerJobEnd event) {
        synchronized (counted) {
          counted[1]++;
        }
      }
    });
    spark.sparkContext().setLogLevel("WARN");

    ObjectMapper json = new ObjectMapper();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    answers.println(PREFIX + "{\"ok\":true,\"ready\":true,\"version\":\"" + spark.version() + "\"}");
    int threads = Integer.getInteger("stride.threads", 4);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) continue;
      String request = line;
      pool.execute(() -> {
        String answer = answer(spark, json, request, counted);
        synchronized (answers) {
          answers.println(PREFIX + answer);
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
    spark.stop();
  }

  /** The session's settings; each can be overridden by a system property of the same name. */
  private static Map<String, String> settings(String warehouseDir) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("spark.sql.shuffle.partitions", "2");
    out.put("spark.default.parallelism", "2");
    out.put("spark.ui.enabled", "false");
    // nothing listens beyond this machine's loopback
    out.put("spark.driver.host", "127.0.0.1");
    out.put("spark.driver.bindAddress", "127.0.0.1");
    out.put("spark.sql.warehouse.dir", warehouseDir);
    out.put("spark.sql.session.timeZone", "UTC");
    // a null column is still a key in the JSON answer (the driver reads missing as a bug, null as a value)
    out.put("spark.sql.jsonGenerator.ignoreNullFields", "false");
    // small tables and many short queries: plan once, broadcast every join, interpret rather than compile
    out.put("spark.sql.adaptive.enabled", "false");
    out.put("spark.sql.codegen.wholeStage", "false");
    // and every expression too: with generated code on, each case compiled some 125 classes with Janino (a
    // bound value is a literal in the generated source, so the cache never matched) and the JIT compiled them
    // again; interpreted, the pilot's cases cost about 40% less CPU (docs/warehouse.md)
    out.put("spark.sql.codegen.factoryMode", "NO_CODEGEN");
    out.put("spark.sql.autoBroadcastJoinThreshold", String.valueOf(64L << 20));
    return out;
  }

  private static String answer(SparkSession spark, ObjectMapper json, String line, long[] counted) {
    long id = -1;
    try {
      JsonNode request = json.readTree(line);
      id = request.path("id").asLong(-1);
      if (request.has("stats")) {
        long stages;
        long jobs;
        synchronized (counted) {
          stages = counted[0];
          jobs = counted[1];
        }
        long compiled = CodegenMetrics.METRIC_COMPILATION_TIME().getCount();
        return "{\"id\":" + id + ",\"ok\":true,\"rows\":[{\"stages\":" + stages + ",\"jobs\":" + jobs
            + ",\"compiled\":" + compiled + "}]}";
      }
      if (request.has("load")) {
        String table = request.get("load").asText();
        StructType schema = spark.table(table).schema();
        List<Row> rows = new ArrayList<>();
        for (String text : Files.readAllLines(Path.of(request.get("file").asText()), StandardCharsets.UTF_8)) {
          if (!text.isBlank()) rows.add(row(json.readTree(text), schema));
        }
        spark.createDataFrame(rows, schema).write().insertInto(table);
        return "{\"id\":" + id + ",\"ok\":true,\"rows\":[]}";
      }
      Dataset<Row> result = spark.sql(request.get("sql").asText(), arguments(request.get("args")));
      List<String> rows = result.toJSON().collectAsList();
      return "{\"id\":" + id + ",\"ok\":true,\"rows\":[" + String.join(",", rows) + "]}";
    } catch (Exception e) {
      ObjectNode error = json.createObjectNode();
      error.put("id", id);
      error.put("ok", false);
      error.put("error", String.valueOf(e.getMessage()));
      return error.toString();
    }
  }

  /** A JSON array as a row of the table's schema, column by column. */
  private static Row row(JsonNode values, StructType schema) {
    StructField[] fields = schema.fields();
    Object[] out = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      JsonNode value = values.get(i);
      DataType type = fields[i].dataType();
      if (value == null || value.isNull()) out[i] = null;
      else if (type.equals(DataTypes.LongType)) out[i] = value.longValue();
      else if (type.equals(DataTypes.IntegerType)) out[i] = value.intValue();
      else if (type.equals(DataTypes.DoubleType)) out[i] = value.doubleValue();
      else if (type.equals(DataTypes.BooleanType)) out[i] = value.booleanValue();
      else out[i] = value.asText();
    }
    return RowFactory.create(out);
  }

  private static Map<String, Object> arguments(JsonNode args) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (args == null) return out;
    for (Iterator<Map.Entry<String, JsonNode>> it = args.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      Object bound;
      if (value.isIntegralNumber()) bound = value.canConvertToInt() ? (Object) value.intValue() : value.longValue();
      else if (value.isNumber()) bound = value.doubleValue();
      else if (value.isBoolean()) bound = value.booleanValue();
      else bound = value.asText();
      out.put(field.getKey(), bound);
    }
    return out;
  }
}
