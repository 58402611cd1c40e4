package org.alphatree.cli;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.alphatree.blocks.hub.AlphaTreeZoo;
import org.alphatree.blocks.hub.PretrainedWeights;
import org.alphatree.blocks.hub.WeightsRegistry;
import org.alphatree.blocks.layers.Fusion;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.metrics.ImageFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alphatree predict}: classify images with published weights. */
@Command(
        name = "predict",
        description = {
            "Classify images with a pretrained network and print the top labels.",
            "The weights come from the cache ($ALPHATREE_HOME/hub/checkpoints): downloaded",
            "once, verified every time. Images (PNG, JPEG) are decoded as Pillow decodes",
            "them and transformed with the weights' own resize, crop, mean and std (DJL's",
            "resize, which is not antialiased like PIL's)."
        },
        footer = {
            "",
            "Examples:",
            "  alphatree predict --model resnet50 cat.jpg",
            "  alphatree predict --model resnet50 --weights IMAGENET1K_V1 --json a.png b.jpg"
        })
final class PredictCommand extends CliCommand {

    @Option(names = "--model", required = true, description = "Registry name, e.g. resnet50.")
    String model;

    @Option(
            names = "--weights",
            paramLabel = "NAME",
            description = "Weights name, e.g. IMAGENET1K_V1 (default: the network's default).")
    String weights;

    @Option(
            names = "--top",
            defaultValue = "5",
            paramLabel = "K",
            description = "How many labels to print per image (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print JSON: one object per image.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "<image>", description = "PNG or JPEG files.")
    List<Path> images;

    @Override
    public Integer call() throws Exception {
        ModelRegistry.get(model);
        PretrainedWeights w = WeightsRegistry.get(model, weights);
        if (top < 1 || top > w.numClasses()) {
            throw new IllegalArgumentException(
                    "--top must be in 1.." + w.numClasses() + ", got " + top);
        }
        PrintWriter out = out();
        PrintWriter err = err();
        Criteria<Image, Classifications> criteria =
                Criteria.builder()
                        .setTypes(Image.class, Classifications.class)
                        .optGroupId(AlphaTreeZoo.GROUP_ID)
                        .optModelName(model)
                        .optFilter("weights", w.name())
                        .optArgument("topK", top)
                        .optEngine("PyTorch")
                        .optProgress(new DownloadProgress(err))
                        .build();
        StringBuilder js = new StringBuilder("[");
        try (ZooModel<Image, Classifications> zoo = loadFused(criteria);
                Predictor<Image, Classifications> predictor = zoo.newPredictor();
                NDManager m = NDManager.newBaseManager()) {
            for (int i = 0; i < images.size(); i++) {
                Path file = images.get(i);
                Classifications c = predictor.predict(image(m, file));
                List<Classifications.Classification> best = c.topK(top);
                if (json) {
                    js.append(i == 0 ? "" : ",")
                            .append("{\"image\":")
                            .append(Json.str(file.toString()))
                            .append(",\"model\":")
                            .append(Json.str(w.id()))
                            .append(",\"top\":[");
                    for (int k = 0; k < best.size(); k++) {
                        js.append(k == 0 ? "" : ",")
                                .append("{\"label\":")
                                .append(Json.str(best.get(k).getClassName()))
                                .append(",\"probability\":")
                                .append(
                                        String.format(
                                                Locale.ROOT, "%.6g", best.get(k).getProbability()))
                                .append('}');
                    }
                    js.append("]}");
                } else {
                    out.println(file + " (" + w.id() + "):");
                    for (Classifications.Classification k : best) {
                        out.printf(
                                Locale.ROOT,
                                "  %6.2f%%  %s%n",
                                100 * k.getProbability(),
                                k.getClassName());
                    }
                }
            }
        }
        if (json) {
            out.println(js.append(']'));
        }
        return 0;
    }

    /** The zoo's model with its conv+BN units folded: predict only runs inference. */
    private static ZooModel<Image, Classifications> loadFused(
            Criteria<Image, Classifications> criteria) throws Exception {
        ZooModel<Image, Classifications> zoo = criteria.loadModel();
        Fusion.fuse(zoo.getBlock());
        return zoo;
    }

    /** Decodes as Pillow does (and within its pixel budget), then hands DJL an HWC uint8 image. */
    private static Image image(NDManager m, Path file) throws java.io.IOException {
        ImageFolder.Pixels px = ImageFolder.read(file);
        int h = px.height();
        int wd = px.width();
        byte[] hwc = new byte[3 * h * wd];
        float[] chw = px.chw();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < h * wd; i++) {
                hwc[i * 3 + c] = (byte) Math.round(chw[c * h * wd + i]);
            }
        }
        NDArray a = m.create(java.nio.ByteBuffer.wrap(hwc), new Shape(h, wd, 3), DataType.UINT8);
        return ImageFactory.getInstance().fromNDArray(a);
    }
}
