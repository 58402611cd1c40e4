package org.alphatree.blocks.classic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.alphatree.blocks.core.BlockException;
import org.alphatree.blocks.core.NetworkBlock;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Layers;

/**
 * The frame the classic networks share, torchvision's AlexNet/VGG layout: a {@code features} stack
 * of convolutions, activations and pools, an {@code avgpool} to a fixed map, flattening, and a
 * {@code classifier} MLP whose last layer is the classifier proper.
 *
 * <p>{@link #numFeatures()} is the width of the MLP's last hidden layer (timm's {@code
 * head_hidden_size}): headless ({@code numClasses = 0}) a classic network returns those pre-logits
 * (4096 for AlexNet and VGG, as timm's VGG does), since the flattened conv map would be a 9,216- or
 * 25,088-wide vector that no one pools. {@link #forwardFeatures} still returns the last conv map.
 */
public abstract class ClassicNet extends NetworkBlock {

    private static final List<String> TRUNK = List.of("features");

    private final int inputChannels;
    private final Layers.Init classifierInit;

    /**
     * Creates the frame.
     *
     * @param numClasses classes, 0 for headless
     * @param classifierLeaf the classifier's name inside {@code classifier} ({@code 6})
     * @param inputChannels the input's channels (3; LeNet-5: 1)
     * @param classifierInit the classifier's weight initialization
     */
    protected ClassicNet(
            int numClasses, String classifierLeaf, int inputChannels, Layers.Init classifierInit) {
        super(numClasses, Head.linear("avgpool", "classifier." + classifierLeaf));
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
     * @param features the conv stack, its children named like the reference's ({@code 0}, {@code
     *     1}, ...)
     * @param taps the children of {@code features} whose outputs {@link #features} returns; the
     *     last child is added if missing
     * @param pool the pool to the classifier's fixed map
     * @param hidden the classifier MLP without its last layer
     * @param hiddenWidth the MLP's last hidden width (the pre-logits)
     */
    protected final void assemble(
            Sequential features,
            List<String> taps,
            Block pool,
            Sequential hidden,
            int hiddenWidth) {
        add("features", features);
        List<String> names = new ArrayList<>();
        taps.forEach(t -> names.add("features." + t));
        // the deepest tap is the last map (forwardFeatures), as in timm's VGG
        String last =
                "features."
                        + features.namedChildren()
                                .keySet()
                                .toArray(String[]::new)[features.namedChildren().size() - 1];
        if (!names.contains(last)) {
            names.add(last);
        }
        layout(TRUNK, names, hiddenWidth);
        add("avgpool", pool);
        add("classifier", hidden);
        addClassifier();
    }

    /**
     * Returns the input's channel count.
     *
     * @return 3, or 1 for LeNet-5
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
        featureNames().forEach(n -> names.add(n.substring("features.".length())));
        return ((Sequential) child("features")).outputsOf(ps, new NDList(x), training, names);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Pools, flattens and runs the classifier MLP; headless, it returns the MLP's last hidden
     * layer, {@code (N, numFeatures())}.
     */
    @Override
    public NDArray forwardHead(ParameterStore ps, NDArray features, boolean training) {
        NDArray y = flatten(call("avgpool", ps, features, training));
        return consume("classifier", ps, y, training);
    }
}
