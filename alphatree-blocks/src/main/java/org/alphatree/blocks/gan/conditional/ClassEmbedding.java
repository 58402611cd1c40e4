package org.alphatree.blocks.gan.conditional;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import org.alphatree.blocks.core.LeafBlock;
import org.alphatree.blocks.core.ParameterSpecs;
import org.alphatree.blocks.core.Temporaries;

/**
 * {@code torch.nn.Embedding}: class labels (N) (integers in [0, K)) to rows of a learned table
 * {@code weight} (K, D), initialized N(0, 1) as torch does. Labels out of range are an error, not a
 * native crash.
 */
public class ClassEmbedding extends LeafBlock {

    private final int classes;
    private final int dim;
    private final Parameter weight;

    /**
     * Creates the table.
     *
     * @param classes K
     * @param dim D
     */
    public ClassEmbedding(int classes, int dim) {
        super((byte) 1);
        if (classes < 1 || dim < 1) {
            throw new IllegalArgumentException(
                    "embedding needs classes >= 1 and dim >= 1, got " + classes + ", " + dim);
        }
        this.classes = classes;
        this.dim = dim;
        weight =
                addParameter(
                        ParameterSpecs.trainable(
                                "weight",
                                Parameter.Type.WEIGHT,
                                new NormalInitializer(1f),
                                new Shape(classes, dim)));
    }

    /**
     * Returns K.
     *
     * @return the number of classes
     */
    public int classes() {
        return classes;
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "Embedding(" + classes + ", " + dim + ")";
    }

    /**
     * Checks class labels: (N) integers in [0, classes), returned as int64.
     *
     * @param labels the labels
     * @param classes the number of classes
     * @return the labels as int64
     * @throws IllegalArgumentException naming the shape or the range found
     */
    public static NDArray checkLabels(NDArray labels, int classes) {
        if (labels.getShape().dimension() != 1) {
            throw new IllegalArgumentException(
                    "class labels must be (N) integers, got shape " + labels.getShape());
        }
        NDArray y = labels.toType(DataType.INT64, false);
        if (y.size() > 0) {
            long min = y.min().getLong();
            long max = y.max().getLong();
            if (min < 0 || max >= classes) {
                throw new IllegalArgumentException(
                        "class labels must be in [0, " + classes + "), got " + min + ".." + max);
            }
        }
        return y;
    }

    /**
     * Checks that a conditional network got (input, labels), naming what it expected.
     *
     * @param kind the network, for the message
     * @param inputs its inputs
     * @param first the first input's name ({@code z}, {@code x})
     * @throws IllegalArgumentException unless there are two inputs
     */
    public static void checkLabelled(String kind, NDList inputs, String first) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException(
                    kind + ": expected inputs (" + first + ", labels), got " + inputs.size());
        }
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray labels, boolean training) {
        NDArray y = checkLabels(labels, classes);
        NDArray w = ps.getValue(weight, y.getDevice(), training);
        return Temporaries.near(w.get(new NDIndex("{}", y)), y);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), dim)};
    }
}
