package org.alphatree.blocks.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.alphatree.blocks.layers.Layers;

/**
 * The frame of the networks torchvision writes as one sequence: a trunk stack ({@code features}, or
 * MNASNet's {@code layers}) of convolutions, units and pools, an {@code avgpool} (to a fixed map,
 * or global), flattening, and a {@code classifier} sequence whose last layer is the classifier
 * proper (AlexNet, VGG, MobileNet V2/V3, MNASNet).
 *
 * <p>{@link #numFeatures()} is the width of the classifier sequence's input to its last layer
 * (timm's {@code head_hidden_size}): headless ({@code numClasses = 0}) the network returns those
 * pre-logits (4096 for AlexNet and VGG, as timm's VGG does; 1280 for MobileNetV3-Large; the pooled
 * features where the sequence is only a dropout). {@link #forwardFeatures} returns the last map.
 */
public abstract class StackNetwork extends NetworkBlock {

    private final String trunkName;

    private final int inputChannels;
    private final Layers.Init classifierInit;

    /**
     * Creates the frame.
     *
     * @param numClasses classes, 0 for headless
     * @param trunkName the trunk stack's name ({@code features})
     * @param classifierLeaf the classifier's name inside {@code classifier} ({@code 6})
     * @param inputChannels the input's channels (3; LeNet-5: 1)
     * @param classifierInit the classifier's weight initialization
     */
    protected StackNetwork(
            int numClasses,
            String trunkName,
            String classifierLeaf,
            int inputChannels,
            Layers.Init classifierInit) {
        this(
                numClasses,
                trunkName,
                Head.linear("avgpool", "classifier." + classifierLeaf),
                inputChannels,
                classifierInit);
    }

    /**
     * Creates the frame with a given head (SqueezeNet's 1x1-convolution classifier).
     *
     * @param numClasses classes, 0 for headless
     * @param trunkName the trunk stack's name ({@code features})
     * @param head the head's names, its classifier inside {@code classifier}
     * @param inputChannels the input's channels
     * @param classifierInit the classifier's weight initialization
     */
    protected StackNetwork(
            int numClasses,
            String trunkName,
            Head head,
            int inputChannels,
            Layers.Init classifierInit) {
        super(numClasses, head);
        this.trunkName = trunkName;
        this.inputChannels = inputChannels;
        this.classifierInit = classifierInit;
    }

    /** {@inheritDoc} */
    @Override
    protected Block newClassifier() {
        return Layers.init(super.newClassifier(), classifierInit);
    }

    /**
     * Registers the children and the head; call once, last, in the subclass constructor.
     *
     * @param features the trunk stack, its children named like the reference's ({@code 0}, {@code
     *     1}, ...)
     * @param taps the children of the trunk whose outputs {@link #features} returns; the last child
     *     is added if missing
     * @param pool the pool to the classifier's fixed map, or null where the classifier sequence
     *     pools (SqueezeNet, which then overrides {@link #forwardHead})
     * @param hidden the classifier sequence without its last layer
     * @param hiddenWidth the MLP's last hidden width (the pre-logits)
     */
    protected final void assemble(
            Sequential features,
            List<String> taps,
            Block pool,
            AlphaBlock hidden,
            int hiddenWidth) {
        add(trunkName, features);
        List<String> names = new ArrayList<>();
        taps.forEach(t -> names.add(trunkName + "." + t));
        // the deepest tap is the last map (forwardFeatures), as in timm's VGG
        String last =
                trunkName
                        + "."
                        + features.namedChildren()
                                .keySet()
                                .toArray(String[]::new)[features.namedChildren().size() - 1];
        if (!names.contains(last)) {
            names.add(last);
        }
        layout(List.of(trunkName), names, hiddenWidth);
        if (pool != null) {
            add("avgpool", pool);
        }
        add("classifier", hidden);
        addClassifier();
    }

    /**
     * Returns the input's channel count.
     *
     * @return 3 (LeNet-5: 1)
     */
    public int inputChannels() {
        return inputChannels;
    }

    /** {@inheritDoc} */
    @Override
    protected void checkInput(NDArray x) {
        if (x.getShape().dimension() != 4 || x.getShape().get(1) != inputChannels) {
            throw new BlockException(
                    "",
                    kind() + " expects input (N, " + inputChannels + ", H, W), got " + x.getShape(),
                    null);
        }
    }

    /** {@inheritDoc} */
    @Override
    public NDList features(ParameterStore ps, NDArray x, boolean training) {
        checkInput(x);
        List<String> names = new ArrayList<>();
        featureNames().forEach(n -> names.add(n.substring(trunkName.length() + 1)));
        return ((Sequential) child(trunkName)).outputsOf(ps, new NDList(x), training, names);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Pools, flattens and runs the classifier sequence; headless, it returns the input of its
     * last layer, {@code (N, numFeatures())}.
     */
    @Override
    public NDArray forwardHead(ParameterStore ps, NDArray features, boolean training) {
        NDArray y = flatten(call("avgpool", ps, features, training));
        return consume("classifier", ps, y, training);
    }
}
