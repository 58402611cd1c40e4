package org.alphatree.blocks.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.alphatree.blocks.layers.Layers;

/**
 * The base of every AlphaTree network: a trunk of named children ending in the last feature map,
 * then a head (global pool, optional dropout, classifier). It implements the {@link Network}
 * contract once, so that a family only lists its trunk, its feature taps and its head's names.
 *
 * <p>A subclass registers its trunk children and the head's pool (and dropout) in its constructor,
 * then calls {@link #addClassifier()} last; it overrides {@link #checkInput} and {@link
 * #prepareInput} for its input rules, and {@code forwardInternal} only for train-mode extras such
 * as auxiliary heads.
 */
public abstract class NetworkBlock extends AlphaBlock implements Network {

    /**
     * The names of a network's head, after timm's {@code ClassifierHead}.
     *
     * @param pool the global pool child ({@code avgpool}, {@code global_pool})
     * @param dropout the dropout child before the classifier, or null
     * @param classifier the classifier's path ({@code fc}, {@code head.fc})
     * @param conv whether the classifier is a 1x1 convolution applied before flattening (DPN,
     *     ResNetV2) rather than a linear layer after it
     */
    public record Head(String pool, String dropout, String classifier, boolean conv) {
        /**
         * A pool followed by a linear classifier.
         *
         * @param pool the pool's name
         * @param classifier the classifier's name
         * @return the head
         */
        public static Head linear(String pool, String classifier) {
            return new Head(pool, null, classifier, false);
        }
    }

    private final Head head;
    private int numFeatures;
    private int numClasses;
    private List<String> trunk = List.of();
    private String[] trunkArray = {};
    private List<String> featureNames = List.of();
    private int minInputSize = 1;

    /**
     * Creates the network's frame.
     *
     * @param numClasses classes; 0 builds it headless
     * @param head the head's names
     */
    protected NetworkBlock(int numClasses, Head head) {
        if (numClasses < 0) {
            throw new IllegalArgumentException("numClasses must be >= 0, got " + numClasses);
        }
        this.numClasses = numClasses;
        this.head = head;
    }

    /**
     * Sets the trunk (the children from the input to the last feature map, in order), the stage
     * outputs {@link #features} returns and the width of the last map; call in the constructor,
     * before {@link #addClassifier()}.
     *
     * @param trunk the trunk's child names
     * @param featureNames the feature taps, shallow to deep
     * @param numFeatures the channels of the last feature map (the pooled features' width)
     */
    protected final void layout(List<String> trunk, List<String> featureNames, int numFeatures) {
        this.trunk = List.copyOf(trunk);
        this.trunkArray = trunk.toArray(String[]::new);
        this.featureNames = List.copyOf(featureNames);
        this.numFeatures = numFeatures;
    }

    /**
     * Returns the children from the input to the last feature map, in order.
     *
     * @return the trunk's child names
     */
    protected List<String> trunk() {
        return trunk;
    }

    /** {@inheritDoc} */
    @Override
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * Sets the smallest input side the network accepts (default 1); call in the constructor. The
     * default {@link #checkInput} refuses a smaller input with a message instead of letting a pool
     * fail deep inside the trunk.
     *
     * @param size the smallest height and width
     */
    protected final void minInputSize(int size) {
        this.minInputSize = size;
    }

    /**
     * Checks an input; by default an RGB NCHW batch of at least the {@link #minInputSize(int)
     * minimum size}.
     *
     * @param x the input
     */
    protected void checkInput(NDArray x) {
        if (x.getShape().dimension() != 4 || x.getShape().get(1) != 3) {
            throw new BlockException(
                    "", kind() + " expects input (N, 3, H, W), got " + x.getShape(), null);
        }
        if (x.getShape().get(2) < minInputSize || x.getShape().get(3) < minInputSize) {
            throw new BlockException(
                    "",
                    kind()
                            + " needs an input of at least "
                            + minInputSize
                            + "x"
                            + minInputSize
                            + ", got "
                            + x.getShape(),
                    null);
        }
    }

    /**
     * Maps a checked input to what the trunk's first child reads; by default the input itself.
     *
     * @param x the input
     * @return the trunk's input (a new array, or {@code x})
     */
    protected NDArray prepareInput(NDArray x) {
        return x;
    }

    /** Registers the classifier at {@code head.classifier()}; call last in the constructor. */
    protected final void addClassifier() {
        if (numClasses > 0) {
            parentOf(head.classifier()).replaceChild(leaf(head.classifier()), newClassifier());
        }
    }

    /**
     * Creates a new, uninitialized classifier of {@link #numClasses()} outputs: a linear layer, or
     * a 1x1 convolution for a convolutional head. Families with their own classifier initialization
     * override it.
     *
     * @return the classifier
     */
    protected Block newClassifier() {
        return head.conv()
                ? Layers.conv2d(numClasses, 1, 1, 0, 1, true)
                : Layers.linear(numClasses, true);
    }

    private AlphaBlock parentOf(String path) {
        AlphaBlock b = this;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            b = (AlphaBlock) b.child(parts[i]);
        }
        return b;
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** {@inheritDoc} */
    @Override
    public int numClasses() {
        return numClasses;
    }

    /** {@inheritDoc} */
    @Override
    public int numFeatures() {
        return numFeatures;
    }

    /** {@inheritDoc} */
    @Override
    public String classifierName() {
        return head.classifier();
    }

    /** {@inheritDoc} */
    @Override
    public void resetClassifier(int numClasses) {
        if (numClasses < 0) {
            throw new IllegalArgumentException("numClasses must be >= 0, got " + numClasses);
        }
        AlphaBlock parent = parentOf(head.classifier());
        String leaf = leaf(head.classifier());
        if (parent.hasChild(leaf)) {
            parent.removeChild(leaf);
        }
        this.numClasses = numClasses;
        clearShapeCache();
        if (numClasses == 0) {
            return;
        }
        Block c = newClassifier();
        parent.replaceChild(leaf, c);
        for (Parameter p : getParameters().values()) {
            if (p.isInitialized()) {
                Shape in =
                        head.conv() ? new Shape(1, numFeatures, 1, 1) : new Shape(1, numFeatures);
                c.initialize(p.getArray().getManager(), p.getArray().getDataType(), in);
                return;
            }
        }
    }

    /** {@inheritDoc} */
    @Override
    public NDArray forwardFeatures(ParameterStore ps, NDArray x, boolean training) {
        return runFromInput(
                ps, x, training, trunk == trunk() ? trunkArray : trunk().toArray(String[]::new));
    }

    /**
     * Checks and prepares the network's input, then runs the first trunk children on it, closing
     * every intermediate (and the prepared input, if it is a new array): the start of the trunk for
     * networks whose forward pass branches off it (auxiliary heads).
     *
     * @param ps the parameter store
     * @param x the network's input (not closed)
     * @param training training mode
     * @param names the children to run, in order, from the first
     * @return the last child's output
     */
    protected final NDArray runFromInput(
            ParameterStore ps, NDArray x, boolean training, String... names) {
        checkInput(x);
        NDArray in = prepareInput(x);
        NDArray y = chain(ps, in, training, names);
        if (in != x && in != y) {
            in.close();
        }
        return y;
    }

    /** {@inheritDoc} */
    @Override
    public NDArray forwardHead(ParameterStore ps, NDArray features, boolean training) {
        NDArray y = call(head.pool(), ps, features, training);
        if (numClasses == 0) {
            return flatten(y);
        }
        if (head.conv()) {
            return flatten(consume(head.classifier(), ps, y, training));
        }
        y = flatten(y);
        if (head.dropout() != null) {
            y = consume(head.dropout(), ps, y, training);
        }
        return consume(head.classifier(), ps, y, training);
    }

    /**
     * {@inheritDoc}
     *
     * <p>By default the outputs of the trunk children named by {@link #featureNames()}; the trunk
     * stops at the last of them.
     */
    @Override
    public NDList features(ParameterStore ps, NDArray x, boolean training) {
        checkInput(x);
        NDArray in = prepareInput(x);
        Set<String> taps = new HashSet<>(featureNames());
        NDList out = new NDList(taps.size());
        NDArray y = in;
        boolean kept = true;
        for (String n : trunk()) {
            if (out.size() == taps.size()) {
                break;
            }
            NDArray next = call(n, ps, y, training);
            if (!kept && next != y) {
                y.close();
            }
            kept = taps.contains(n);
            if (kept) {
                out.add(next);
            }
            y = next;
        }
        if (out.size() != taps.size()) {
            throw new IllegalStateException(
                    kind() + ": feature names " + featureNames() + " are not all in the trunk");
        }
        if (in != x && out.stream().noneMatch(a -> a == in)) {
            in.close();
        }
        return out;
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        NDArray f = forwardFeatures(ps, x, training);
        NDArray out = forwardHead(ps, f, training);
        if (f != x && f != out) {
            f.close();
        }
        return out;
    }
}
