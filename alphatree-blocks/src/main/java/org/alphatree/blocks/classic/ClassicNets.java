package org.alphatree.blocks.classic;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.alphatree.blocks.registry.Family;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelProvider;
import org.alphatree.blocks.registry.Preprocessing;

/**
 * The classic registry entries: torchvision's {@code alexnet} and {@code vgg11} to {@code
 * vgg19_bn}, and AlphaTree's own {@code lenet5}, {@code alexnet_paper} and {@code zfnet}, whose
 * PyTorch twins live in {@code tools/fixtures/classic.py}. Counts and MACs were computed from the
 * references with PyTorch (torchvision's published metadata: alexnet 0.714, vgg16 15.470 GFLOPS).
 */
public final class ClassicNets implements ModelProvider {

    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public ClassicNets() {}

    private static final String TWINS = "tools/fixtures/classic.py:";
    private static final String ALEXNET =
            "Krizhevsky, Sutskever & Hinton, \"ImageNet Classification with Deep Convolutional"
                    + " Neural Networks\", NIPS 2012";
    private static final String VGG =
            "Simonyan & Zisserman, \"Very Deep Convolutional Networks for Large-Scale Image"
                    + " Recognition\", ICLR 2015";

    /** VGG's counts per configuration and batch norm, at 1000 classes and 224 px. */
    private static final long[][] VGG_PARAMS = {
        {132_863_336L, 132_868_840L},
        {133_047_848L, 133_053_736L},
        {138_357_544L, 138_365_992L},
        {143_667_240L, 143_678_248L}
    };

    private static final double[] VGG_GMACS = {7.609090, 11.308466, 15.470264, 19.632062};

    /** {@inheritDoc} */
    @Override
    public List<ModelInfo> models() {
        List<ModelInfo> all = new ArrayList<>();
        all.add(
                ModelInfo.builder("lenet5", Family.CLASSIC)
                        .setReference(TWINS + "lenet5")
                        .setCounts(61_706L, 0.000417)
                        .optMinInputSize(32)
                        .optNumClasses(10)
                        .optPreprocessing(Preprocessing.mnist(32))
                        .setLayerNames("features.c1", "classifier.output")
                        .setPaper(
                                "LeCun, Bottou, Bengio & Haffner, \"Gradient-Based Learning"
                                        + " Applied to Document Recognition\", Proc. IEEE 1998")
                        .setFactory(n -> LeNet5.builder().optNumClasses(n).build())
                        .build());
        all.add(
                alexnetLike("alexnet", "torchvision.models.alexnet", 61_100_840L, 0.714188, 63)
                        .setPaper(
                                ALEXNET
                                        + "; Krizhevsky, \"One weird trick for parallelizing"
                                        + " convolutional neural networks\", 2014")
                        .setFactory(n -> AlexNet.builder().optNumClasses(n).build())
                        .build());
        all.add(
                alexnetLike("alexnet_paper", TWINS + "alexnet_paper", 60_965_224L, 0.724407, 67)
                        // the paper's 224 crops do not fit its layers; 227 does
                        .optPreprocessing(Preprocessing.imagenet(256, 227, "bilinear"))
                        .setPaper(ALEXNET)
                        .setFactory(
                                n ->
                                        AlexNet.builder()
                                                .optVariant(AlexNet.Variant.PAPER)
                                                .optNumClasses(n)
                                                .build())
                        .build());
        all.add(
                alexnetLike("zfnet", TWINS + "zfnet", 62_357_608L, 1.168033, 47)
                        .setPaper(
                                "Zeiler & Fergus, \"Visualizing and Understanding Convolutional"
                                        + " Networks\", ECCV 2014")
                        .setFactory(n -> ZFNet.builder().optNumClasses(n).build())
                        .build());
        Vgg.Config[] configs = Vgg.Config.values();
        for (int i = 0; i < configs.length; i++) {
            for (int bn = 0; bn < 2; bn++) {
                Vgg.Config c = configs[i];
                boolean batchNorm = bn == 1;
                String name = "vgg" + c.depth() + (batchNorm ? "_bn" : "");
                all.add(vgg(name, VGG_PARAMS[i][bn], VGG_GMACS[i], n -> vgg(c, batchNorm, n)));
            }
        }
        return all;
    }

    private static Vgg vgg(Vgg.Config c, boolean batchNorm, int numClasses) {
        return Vgg.builder().setConfig(c).optBatchNorm(batchNorm).optNumClasses(numClasses).build();
    }

    private static ModelInfo vgg(String name, long params, double gmacs, IntFunction<Vgg> f) {
        return ModelInfo.builder(name, Family.CLASSIC)
                .setReference("torchvision.models." + name)
                .setCounts(params, gmacs)
                .optMinInputSize(32)
                .setLayerNames("features.0", "classifier.6")
                .setPaper(VGG)
                .setFactory(f)
                .build();
    }

    private static ModelInfo.Builder alexnetLike(
            String name, String reference, long params, double gmacs, int minInput) {
        return ModelInfo.builder(name, Family.CLASSIC)
                .setReference(reference)
                .setCounts(params, gmacs)
                .optMinInputSize(minInput)
                .setLayerNames("features.0", "classifier.6");
    }
}
