package org.alphatree.blocks.residual;

import ai.djl.nn.Block;
import ai.djl.training.initializer.Initializer;
import java.util.Arrays;
import java.util.List;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.NetworkBlock;
import org.alphatree.blocks.core.NetworkBuilder;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.Pool2d;

/**
 * ResNet and its variants (ResNeXt, wide ResNet, ResNet-D, SE-ResNet), with torchvision's and
 * timm's module names: {@code conv1}, {@code bn1}, {@code maxpool}, {@code layer1}..{@code layer4},
 * {@code fc}.
 *
 * <p>A network is a stage spec: the unit type and the number of units per stage. Stage {@code i}
 * has {@code 64 * 2^i} planes and stride 2 except the first.
 *
 * <p>Stage outputs ({@link #features}): {@code relu} (the stem, stride 2) and {@code layer1}
 * (stride 4) to {@code layer4} (stride 32).
 *
 * <p>He, Zhang, Ren &amp; Sun, "Deep Residual Learning for Image Recognition", CVPR 2016.
 */
public class ResNet extends NetworkBlock {

    /** The residual unit a network is built from. */
    public enum Unit {
        /** Two 3x3 convolutions, expansion 1. */
        BASIC,
        /** 1x1-3x3-1x1, expansion 4. */
        BOTTLENECK
    }

    private static final List<String> TRUNK =
            List.of("conv1", "bn1", "relu", "maxpool", "layer1", "layer2", "layer3", "layer4");
    private static final List<String> FEATURES =
            List.of("relu", "layer1", "layer2", "layer3", "layer4");

    private final Unit unit;
    private final int[] layers;
    private final boolean deepStem;

    private ResNet(Builder b) {
        super(b.getNumClasses(), Head.linear("avgpool", "fc"));
        layout(
                TRUNK,
                FEATURES,
                512 * (b.unit == Unit.BASIC ? BasicBlock.EXPANSION : Bottleneck.EXPANSION));
        this.unit = b.unit;
        this.layers = b.layers.clone();
        this.deepStem = b.deepStem;
        BlockConfig cfg = b.config;
        if (deepStem) {
            // timm "deep" stem: three 3x3 convs (stem_width, stem_width, 2*stem_width)
            int w = b.stemWidth;
            Sequential stem = new Sequential();
            stem.add(Layers.conv2d(w, 3, 2, 1, 1, false));
            stem.add(new BatchNorm2d(w, cfg.bnEps(), cfg.bnMomentum()));
            stem.add(Activation.reluBlock());
            stem.add(Layers.conv2d(w, 3, 1, 1, 1, false));
            stem.add(new BatchNorm2d(w, cfg.bnEps(), cfg.bnMomentum()));
            stem.add(Activation.reluBlock());
            stem.add(Layers.conv2d(2 * w, 3, 1, 1, 1, false));
            add("conv1", stem);
            add("bn1", new BatchNorm2d(2 * w, cfg.bnEps(), cfg.bnMomentum()));
        } else {
            add("conv1", Layers.conv2d(64, 7, 2, 3, 1, false));
            add("bn1", new BatchNorm2d(64, cfg.bnEps(), cfg.bnMomentum()));
        }
        foldable("conv1", "bn1");
        add("relu", Activation.reluBlock());
        add("maxpool", Pool2d.max(3, 2, 1, false));
        int expansion = unit == Unit.BASIC ? BasicBlock.EXPANSION : Bottleneck.EXPANSION;
        int inplanes = deepStem ? 2 * b.stemWidth : 64;
        for (int i = 0; i < 4; i++) {
            int planes = 64 << i;
            int stride = i == 0 ? 1 : 2;
            Sequential stage = new Sequential();
            for (int j = 0; j < layers[i]; j++) {
                int s = j == 0 ? stride : 1;
                boolean project = j == 0 && (stride != 1 || inplanes != planes * expansion);
                stage.add(
                        unit == Unit.BASIC
                                ? new BasicBlock(planes, s, project, cfg)
                                : new Bottleneck(planes, s, project, cfg));
                inplanes = planes * expansion;
            }
            add("layer" + (i + 1), stage);
        }
        if (b.zeroInitResidual) {
            // torchvision's zero_init_residual: each residual branch starts as zero, so every
            // unit starts as the identity (Goyal et al. 2017)
            for (int i = 1; i <= 4; i++) {
                for (Block unitBlock : ((Sequential) child("layer" + i)).namedChildren().values()) {
                    ((AlphaBlock) unitBlock)
                            .child(unit == Unit.BASIC ? "bn2" : "bn3")
                            .setInitializer(Initializer.ZEROS, "weight");
                }
            }
        }
        add("avgpool", new GlobalAvgPool());
        addClassifier();
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "ResNet("
                + unit.name().toLowerCase(java.util.Locale.ROOT)
                + " "
                + Arrays.toString(layers)
                + ")";
    }

    /** Builds a {@link ResNet} from a stage spec. */
    public static final class Builder extends NetworkBuilder<Builder> {
        private Unit unit = Unit.BOTTLENECK;
        private int[] layers = {3, 4, 6, 3};
        private BlockConfig config = BlockConfig.defaults();
        private boolean deepStem;
        private int stemWidth = 32;
        private boolean zeroInitResidual;

        private Builder() {}

        /**
         * Sets the unit type and the number of units per stage.
         *
         * @param unit the unit
         * @param layers four stage depths
         * @return this
         */
        public Builder setStages(Unit unit, int... layers) {
            if (layers.length != 4) {
                throw new IllegalArgumentException(
                        "ResNet needs 4 stage depths, got " + layers.length);
            }
            for (int d : layers) {
                if (d < 1) {
                    throw new IllegalArgumentException(
                            "stage depths must be positive: " + Arrays.toString(layers));
                }
            }
            this.unit = unit;
            this.layers = layers.clone();
            return this;
        }

        /**
         * Sets the unit configuration (groups, width, SE, ResNet-D shortcut, BN settings).
         *
         * @param config the configuration
         * @return this
         */
        public Builder optConfig(BlockConfig config) {
            this.config = config;
            return this;
        }

        /**
         * Uses timm's deep stem (three 3x3 convs) instead of the 7x7, as ResNet-C/D.
         *
         * @param stemWidth width of the first two stem convs (32 in resnet50d)
         * @return this
         */
        public Builder optDeepStem(int stemWidth) {
            if (stemWidth < 1) {
                throw new IllegalArgumentException("stemWidth must be positive");
            }
            this.deepStem = true;
            this.stemWidth = stemWidth;
            return this;
        }

        /**
         * Initializes the last BN scale of every unit to zero (torchvision's {@code
         * zero_init_residual}; off by default, as there).
         *
         * @param on whether to zero-initialize
         * @return this
         */
        public Builder optZeroInitResidual(boolean on) {
            this.zeroInitResidual = on;
            return this;
        }

        /**
         * Builds the network.
         *
         * @return the network
         */
        public ResNet build() {
            validate();
            if (unit == Unit.BASIC && (config.groups() != 1 || config.baseWidth() != 64)) {
                throw new IllegalArgumentException(
                        "BasicBlock networks support only groups=1, baseWidth=64");
            }
            return new ResNet(this);
        }
    }

    /**
     * Returns the stage of the given index (1-based), for composing custom networks.
     *
     * @param i stage index 1..4
     * @return the stage
     */
    public Block stage(int i) {
        return child("layer" + i);
    }
}
