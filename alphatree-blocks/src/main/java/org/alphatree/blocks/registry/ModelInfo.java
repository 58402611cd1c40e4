package org.alphatree.blocks.registry;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A registered network and its metadata, as torchvision keeps it beside each builder and timm in
 * its {@code pretrained_cfg}. Tests and docs read these same numbers, so they cannot disagree.
 *
 * @param name registry name, equal to the reference builder's name ({@code resnet50})
 * @param family the guide's family
 * @param reference the reference implementation ({@code torchvision.models.resnet50})
 * @param trainableParameters the reference's trainable parameter count at {@code numClasses}
 * @param gmacs multiply-accumulates at the default input size, in billions
 * @param defaultInputShape the default NCHW input shape (batch 1; its channels are the
 *     preprocessing's: 3, or 1 for LeNet-5)
 * @param minInputSize the smallest spatial size the network accepts
 * @param numClasses the reference's number of classes (1000; 1008 for the FID Inception)
 * @param preprocessing the reference's eval preprocessing
 * @param firstConv the state_dict name of the first convolution ({@code conv1})
 * @param classifier the state_dict name of the classifier ({@code fc})
 * @param paper the paper citation
 * @param factory builds the network for a number of classes (0: headless)
 * @param variants other ways the reference builds the same network, by name ({@code
 *     transform_input}: torchvision's GoogLeNet and Inception v3 when given weights), each with the
 *     same parameters as {@code factory}'s
 */
public record ModelInfo(
        String name,
        Family family,
        String reference,
        long trainableParameters,
        double gmacs,
        Shape defaultInputShape,
        int minInputSize,
        int numClasses,
        Preprocessing preprocessing,
        String firstConv,
        String classifier,
        String paper,
        IntFunction<? extends Block> factory,
        Map<String, IntFunction<? extends Block>> variants) {

    /** Copies the variants. */
    public ModelInfo {
        variants = Map.copyOf(variants);
    }

    /**
     * Builds the network with the reference's number of classes.
     *
     * @return a new, uninitialized network
     */
    public Block build() {
        return factory.apply(numClasses);
    }

    /**
     * Builds the network.
     *
     * @param numClasses the number of classes, 0 for a headless network
     * @return a new, uninitialized network
     */
    public Block build(int numClasses) {
        checkClasses(numClasses);
        return factory.apply(numClasses);
    }

    private void checkClasses(int numClasses) {
        if (numClasses < 0) {
            throw new IllegalArgumentException(
                    name + ": numClasses must be >= 0, got " + numClasses);
        }
    }

    /**
     * Builds a variant of the network (same parameters, another forward), or the plain network for
     * an empty name.
     *
     * @param variant the variant's name ({@link #variants()})
     * @param numClasses the number of classes, 0 for a headless network
     * @return a new, uninitialized network
     * @throws IllegalArgumentException naming the variants if there is none of that name
     */
    public Block build(String variant, int numClasses) {
        if (variant == null || variant.isEmpty()) {
            return build(numClasses);
        }
        IntFunction<? extends Block> f = variants.get(variant);
        if (f == null) {
            throw new IllegalArgumentException(
                    name + " has no variant '" + variant + "'; variants: " + variants.keySet());
        }
        checkClasses(numClasses);
        return f.apply(numClasses);
    }

    /**
     * Starts an entry.
     *
     * @param name the registry name
     * @param family the family
     * @return a builder
     */
    public static Builder builder(String name, Family family) {
        return new Builder(name, family);
    }

    /** Builds a {@link ModelInfo}; {@link #build()} names every value that is missing. */
    public static final class Builder {
        private final String name;
        private final Family family;
        private String reference;
        private long params = -1;
        private double gmacs = -1;
        private int minInputSize = 1;
        private int numClasses = 1000;
        private Preprocessing preprocessing = Preprocessing.IMAGENET;
        private String firstConv;
        private String classifier;
        private String paper;
        private IntFunction<? extends Block> factory;
        private final Map<String, IntFunction<? extends Block>> variants = new LinkedHashMap<>();

        private Builder(String name, Family family) {
            this.name = name;
            this.family = family;
        }

        /**
         * Sets the reference implementation ({@code torchvision.models.resnet50}).
         *
         * @param reference the reference
         * @return this
         */
        public Builder setReference(String reference) {
            this.reference = reference;
            return this;
        }

        /**
         * Sets the reference's trainable parameters and MACs (billions, at the default size).
         *
         * @param params trainable parameters
         * @param gmacs GMACs
         * @return this
         */
        public Builder setCounts(long params, double gmacs) {
            this.params = params;
            this.gmacs = gmacs;
            return this;
        }

        /**
         * Sets the smallest input side the network accepts (1).
         *
         * @param size the side
         * @return this
         */
        public Builder optMinInputSize(int size) {
            this.minInputSize = size;
            return this;
        }

        /**
         * Sets the reference's number of classes (1000).
         *
         * @param numClasses classes
         * @return this
         */
        public Builder optNumClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /**
         * Sets the eval preprocessing ({@link Preprocessing#IMAGENET}).
         *
         * @param preprocessing the preprocessing
         * @return this
         */
        public Builder optPreprocessing(Preprocessing preprocessing) {
            this.preprocessing = preprocessing;
            return this;
        }

        /**
         * Sets the state_dict names of the first convolution and of the classifier.
         *
         * @param firstConv the first convolution ({@code conv1})
         * @param classifier the classifier ({@code fc})
         * @return this
         */
        public Builder setLayerNames(String firstConv, String classifier) {
            this.firstConv = firstConv;
            this.classifier = classifier;
            return this;
        }

        /**
         * Sets the paper citation.
         *
         * @param paper the citation
         * @return this
         */
        public Builder setPaper(String paper) {
            this.paper = paper;
            return this;
        }

        /**
         * Sets the factory: classes to a new network.
         *
         * @param factory the factory
         * @return this
         */
        public Builder setFactory(IntFunction<? extends Block> factory) {
            this.factory = factory;
            return this;
        }

        /**
         * Adds a variant: the same network built another way ({@code transform_input}).
         *
         * @param variant the variant's name
         * @param factory classes to a new network
         * @return this
         */
        public Builder optVariant(String variant, IntFunction<? extends Block> factory) {
            this.variants.put(variant, factory);
            return this;
        }

        /**
         * Builds the entry.
         *
         * @return the entry
         * @throws IllegalArgumentException naming what is missing or invalid
         */
        public ModelInfo build() {
            List<String> missing = new ArrayList<>();
            if (reference == null) {
                missing.add("reference (setReference)");
            }
            if (params < 0) {
                missing.add("counts (setCounts)");
            }
            if (firstConv == null || classifier == null) {
                missing.add("layer names (setLayerNames)");
            }
            if (paper == null) {
                missing.add("paper (setPaper)");
            }
            if (factory == null) {
                missing.add("factory (setFactory)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(
                        "model '" + name + "': you must specify " + String.join(", ", missing));
            }
            int side = preprocessing.size(); // the default input: what the preprocessing makes
            if (side < minInputSize || minInputSize < 1 || numClasses < 1) {
                throw new IllegalArgumentException(
                        "model '"
                                + name
                                + "': need the preprocessing's size ("
                                + side
                                + ") >= minInputSize ("
                                + minInputSize
                                + ") >= 1 and numClasses ("
                                + numClasses
                                + ") >= 1");
            }
            return new ModelInfo(
                    name,
                    family,
                    reference,
                    params,
                    gmacs,
                    new Shape(1, preprocessing.channels(), side, side),
                    minInputSize,
                    numClasses,
                    preprocessing,
                    firstConv,
                    classifier,
                    paper,
                    factory,
                    variants);
        }
    }
}
