package org.alphatree.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.alphatree.blocks.inception.FidInceptionV3;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.weights.LoadReport;
import org.alphatree.blocks.weights.Npy;
import org.alphatree.blocks.weights.TensorData;
import org.alphatree.blocks.weights.Weights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alphatree forward}: inference of a registered network with PyTorch weights. */
@Command(
        name = "forward",
        description = {
            "Run a registered network in eval mode on a .npy input, with weights loaded by name.",
            "The network is built, its weights are loaded by name (strictly by default), and it runs",
            "in eval mode (BN running statistics, dropout off) on an NCHW float32 .npy input; the",
            "output is written as float32 .npy."
        })
final class ForwardCommand extends CliCommand {

    @Option(names = "--model", required = true, description = "Registry name, e.g. resnet50.")
    String model;

    @Option(
            names = "--weights",
            required = true,
            description = "Weights: .pth/.pt (zip or legacy), .safetensors or .npz.")
    Path weights;

    @Option(names = "--input", required = true, description = "Input .npy, NCHW.")
    Path input;

    @Option(names = "--output", required = true, description = "Output .npy to write.")
    Path output;

    @Option(
            names = "--allow-nonfinite",
            description =
                    "Write NaN or infinite outputs instead of failing (by default a non-finite"
                            + " input or output is an error).")
    boolean allowNonFinite;

    @Option(
            names = "--key",
            description =
                    "Sub-dict of the checkpoint (state_dict, model, ...); default: automatic.")
    String key;

    @Option(names = "--strip-prefix", description = "Key prefix to remove, e.g. module.")
    String stripPrefix;

    @Option(
            names = "--lenient",
            description = "Load matching keys only and report the rest instead of failing.")
    boolean lenient;

    @Mixin NumClassesOption classes;

    @Mixin FastPathOptions fast;

    @Option(
            names = "--fid-features",
            paramLabel = "DIMS",
            description =
                    "fid_inception_v3 only: write the pooled features of dimension 64, 192, 768 or 2048"
                            + " (pool3, as pytorch-fid) instead of the logits.")
    Integer fidFeatures;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = err();
        ModelInfo info = ModelRegistry.get(model);
        classes.validate();
        Outputs.checkWritable(output, "--output");
        if (!Files.isRegularFile(input)) {
            throw new NoSuchFileException(input.toString(), null, "input file not found");
        }
        Npy.Array x;
        try (InputStream in = Files.newInputStream(input)) {
            x = Npy.read(in, Files.size(input));
        }
        float[] values = x.toFloats();
        if (!allowNonFinite) {
            Outputs.checkFinite(values, "--input " + input);
        }
        long[] s = x.shape();
        if (s.length != 4 || s[1] != info.defaultInputShape().get(1)) {
            throw new IllegalArgumentException(
                    "--input "
                            + input
                            + " has shape "
                            + java.util.Arrays.toString(s)
                            + "; "
                            + model
                            + " expects NCHW with C = "
                            + info.defaultInputShape().get(1));
        }
        if (s[2] < info.minInputSize() || s[3] < info.minInputSize()) {
            throw new IllegalArgumentException(
                    model
                            + " needs an input of at least "
                            + info.minInputSize()
                            + "x"
                            + info.minInputSize());
        }
        err.println("Reading " + weights + " ...");
        err.flush();
        Map<String, TensorData> sd = Weights.read(weights, key);
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(s);
            if (fidFeatures != null && !model.equals("fid_inception_v3")) {
                throw new IllegalArgumentException(
                        "--fid-features applies to fid_inception_v3 only");
            }
            Block net = classes.build(info);
            net.initialize(m, DataType.FLOAT32, shape);
            LoadReport report = Weights.load(net, sd, !lenient, stripPrefix);
            err.println(
                    "Loaded "
                            + report.loaded().size()
                            + " tensors into "
                            + model
                            + (report.isComplete() ? "" : "; " + report.describe()));
            int folded = fast.fold(net);
            if (folded > 0) {
                err.println("Folded " + folded + " conv+BN units for inference");
            }
            NDArray in = m.create(values, shape);
            in = fast.input(in);
            NDArray y;
            if (fidFeatures != null) {
                int idx = java.util.Arrays.binarySearch(FidInceptionV3.BLOCK_DIMS, fidFeatures);
                if (idx < 0) {
                    throw new IllegalArgumentException(
                            "--fid-features must be 64, 192, 768 or 2048, got " + fidFeatures);
                }
                y =
                        ((FidInceptionV3) net)
                                .pooledFeatures(new ParameterStore(m, false), in, false)
                                .get(idx);
            } else {
                y =
                        net.forward(new ParameterStore(m, false), new NDList(in), false)
                                .singletonOrThrow();
            }
            float[] result = y.toFloatArray();
            if (!allowNonFinite) {
                Outputs.checkFinite(result, model + "'s output");
            }
            try (OutputStream out = Files.newOutputStream(output)) {
                Npy.writeFloat32(out, y.getShape().getShape(), result);
            }
            out().println("wrote " + output + " " + y.getShape());
        }
        return 0;
    }
}
