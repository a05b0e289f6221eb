package dev.alignment.trainer;

import ai.djl.engine.Engine;
import dev.alignment.contract.CommandConfig;
import dev.alignment.contract.ExitCode;
import dev.alignment.contract.StageHeader;
import dev.alignment.contract.TrainerCommand;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.base.Excerpt;
import dev.alignment.trainer.base.PeerLostException;
import dev.alignment.trainer.base.StageResult;
import dev.alignment.trainer.data.UriScope;
import dev.alignment.trainer.metrics.ProgressReporter;
import dev.alignment.trainer.metrics.TerminationLog;
import dev.alignment.trainer.metrics.TrainerMetrics;
import dev.alignment.trainer.storage.S3Access;
import dev.alignment.trainer.storage.S3Settings;
import dev.alignment.trainer.training.StageContext;
import dev.alignment.trainer.training.ProcessExit;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code alignment-trainer <stage> --config <file>}: runs one stage, serves its metrics, writes the termination log and
 * exits 0 (done), 2 (bad input, not worth retrying), 3 (the PPO peer was lost, retryable) or 1 (anything else,
 * retryable).
 */
public final class Main {
  public static final int OK = ExitCode.OK.code();
  public static final int FAILED = ExitCode.RETRYABLE.code();
  public static final int BAD_INPUT = ExitCode.BAD_INPUT.code();
  public static final int PEER_LOST = ExitCode.PEER_LOST.code();
  /** Room for a dataset's 20 listed problems, each with its quote. */
  private static final int MESSAGE_CHARACTERS = 10_000;
  private static final String USAGE = "usage: alignment-trainer <stage> --config <config.json> | alignment-trainer engine-info";

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;
  private final ProcessExit processExit;

  /** In-process runs (tests): a watchdog never ends the JVM. */
  public Main(Map<String, String> env, PrintStream out, PrintStream err) {
    this(env, out, err, ProcessExit.NONE);
  }

  private Main(Map<String, String> env, PrintStream out, PrintStream err, ProcessExit processExit) {
    this.env = env;
    this.out = out;
    this.err = err;
    this.processExit = processExit;
  }

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    // A watchdog's last resort while the stage's thread is busy: the same termination log, then the exit code.
    ProcessExit exit = (code, message) -> {
      System.err.println("watchdog: " + message);
      writeTerminationLog(env, System.err, StageResult.ofMessage(message));
      System.exit(code);
    };
    System.exit(new Main(env, System.out, System.err, exit).run(args));
  }

  public int run(String[] args) {
    OfflineEngine.configure();
    // The JDK HTTP server (metrics, the PPO critic) writes a response's headers and body separately; without
    // TCP_NODELAY the body waits for the client's delayed ACK, about 40 ms per request. Read once, before any server.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    if (args.length == 1 && args[0].equals("engine-info")) {
      Engine engine = Engine.getInstance();
      out.println(engine.getEngineName() + " " + engine.getVersion() + " on " + engine.defaultDevice()
          + ", allocator " + NativeAllocator.name());
      return OK;
    }
    StageResult result;
    int code;
    try {
      result = runStage(args);
      code = OK;
    } catch (BadInputException e) {
      result = StageResult.ofMessage(capped(e.getMessage()));
      err.println("bad input: " + result.message());
      code = BAD_INPUT;
    } catch (PeerLostException e) {
      result = StageResult.ofMessage(capped(e.getMessage()));
      err.println("peer lost: " + result.message());
      code = PEER_LOST;
    } catch (Exception e) {
      result = StageResult.ofMessage(capped("stage failed: " + e));
      err.println(result.message());
      e.printStackTrace(err);
      code = FAILED;
    }
    out.println(result.message());
    writeTerminationLog(env, err, result);
    return code;
  }

  /** What is printed stays readable whatever the message quotes; the termination log shortens it further. */
  private static String capped(String message) {
    return Excerpt.of(String.valueOf(message), MESSAGE_CHARACTERS);
  }

  private StageResult runStage(String[] args) throws IOException {
    if (args.length != 3 || !args[1].equals("--config")) {
      throw new BadInputException(USAGE);
    }
    TrainerCommand command = Stages.command(args[0]);
    CommandConfig config = ContractReader.read(command, Path.of(args[2]));
    StageHeader header = config.header();
    UriScope.install(UriScope.of(header));
    Path outputDir = Path.of(header.outputDir());
    S3Access.use(S3Settings.of(env, header.s3Endpoint()), outputDir.resolve(S3Access.DOWNLOADS));
    try (TrainerMetrics metrics = TrainerMetrics.start(header.metricsPort(), header.namespace(), header.owner(), args[0])) {
      StageResult result = Stages.run(command, config, new ProgressReporter(out, metrics, System::nanoTime), processExit);
      // A Split critic carries its actor's exportUri; the actor holds the policy and exports it.
      if (header.exportUri() != null && command != TrainerCommand.PPO_CRITIC) {
        S3Access.export(outputDir.resolve(StageContext.MODEL), header.exportUri());
        out.println("exported the model to " + header.exportUri());
      }
      return result;
    } finally {
      S3Access.close();
    }
  }

  private static void writeTerminationLog(Map<String, String> env, PrintStream err, StageResult result) {
    Path path = TerminationLog.path(env);
    try {
      TerminationLog.write(path, result);
    } catch (IOException e) {
      err.println("cannot write the termination log " + path + ": " + e.getMessage());
    }
  }
}
