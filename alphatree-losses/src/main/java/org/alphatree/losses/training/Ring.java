package org.alphatree.losses.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.util.Random;
import org.alphatree.blocks.core.Assign;

/**
 * The 2-D ring of Gaussians, GAN's standard mode-collapse test (Metz et al., "Unrolled GANs",
 * 2017): {@code modes} Gaussians of standard deviation {@code std} on a circle of radius {@code
 * radius}; and the small MLPs that learn it.
 */
public final class Ring {

    private final int modes;
    private final double radius;
    private final double std;
    private final Random random;

    /**
     * Creates the distribution.
     *
     * @param modes number of modes (8)
     * @param radius circle radius (2)
     * @param std per-mode standard deviation (0.02)
     * @param seed sampling seed
     */
    public Ring(int modes, double radius, double std, long seed) {
        this.modes = modes;
        this.radius = radius;
        this.std = std;
        this.random = new Random(seed);
    }

    /**
     * Draws samples.
     *
     * @param m the manager
     * @param n samples
     * @return (n, 2)
     */
    public NDArray sample(NDManager m, int n) {
        float[] xy = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * random.nextInt(modes) / modes;
            xy[2 * i] = (float) (radius * Math.cos(a) + std * random.nextGaussian());
            xy[2 * i + 1] = (float) (radius * Math.sin(a) + std * random.nextGaussian());
        }
        return m.create(xy, new Shape(n, 2));
    }

    /**
     * Draws samples with their mode index as the class label (the conditional ring).
     *
     * @param m the manager
     * @param n samples
     * @return ((n, 2) samples, (n) int64 mode indices)
     */
    public ai.djl.ndarray.NDList sampleLabelled(NDManager m, int n) {
        float[] xy = new float[2 * n];
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(modes);
            double a = 2 * Math.PI * k / modes;
            labels[i] = k;
            xy[2 * i] = (float) (radius * Math.cos(a) + std * random.nextGaussian());
            xy[2 * i + 1] = (float) (radius * Math.sin(a) + std * random.nextGaussian());
        }
        return new ai.djl.ndarray.NDList(m.create(xy, new Shape(n, 2)), m.create(labels));
    }

    /**
     * For each class k, the fraction of its samples within the mode tolerance ({@code 4·std} or
     * {@code 0.1·radius}) of mode k: how well a conditional generator obeys its label.
     *
     * @param xy (n, 2) samples
     * @param labels (n) the labels they were generated for
     * @return per class, the fraction on its own mode (NaN for a class without samples)
     */
    public double[] ownModeFractions(float[] xy, long[] labels) {
        double tol = Math.max(4 * std, 0.1 * radius);
        int[] hits = new int[modes];
        int[] counts = new int[modes];
        for (int i = 0; i < labels.length; i++) {
            int k = (int) labels[i];
            double a = 2 * Math.PI * k / modes;
            double dx = xy[2 * i] - radius * Math.cos(a);
            double dy = xy[2 * i + 1] - radius * Math.sin(a);
            counts[k]++;
            if (dx * dx + dy * dy <= tol * tol) {
                hits[k]++;
            }
        }
        double[] f = new double[modes];
        for (int k = 0; k < modes; k++) {
            f[k] = counts[k] == 0 ? Double.NaN : hits[k] / (double) counts[k];
        }
        return f;
    }

    /**
     * The mode nearest to each sample, or −1 when none is within the tolerance.
     *
     * @param xy (n, 2) samples
     * @return per sample, the mode index or −1
     */
    public int[] nearestModes(float[] xy) {
        double tol = Math.max(4 * std, 0.1 * radius);
        int n = xy.length / 2;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = -1;
            for (int k = 0; k < modes; k++) {
                double a = 2 * Math.PI * k / modes;
                double dx = xy[2 * i] - radius * Math.cos(a);
                double dy = xy[2 * i + 1] - radius * Math.sin(a);
                if (dx * dx + dy * dy <= tol * tol) {
                    out[i] = k;
                }
            }
        }
        return out;
    }

    /**
     * Counts the modes that at least {@code minFraction} of the samples lie within {@code 4·std}
     * (or {@code 0.1·radius}, if larger) of.
     *
     * @param xy (n, 2) samples
     * @param minFraction the fraction a mode needs (e.g. 0.02)
     * @return modes hit
     */
    public int modesHit(float[] xy, double minFraction) {
        int n = xy.length / 2;
        int[] counts = new int[modes];
        double tol = Math.max(4 * std, 0.1 * radius);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < modes; k++) {
                double a = 2 * Math.PI * k / modes;
                double dx = xy[2 * i] - radius * Math.cos(a);
                double dy = xy[2 * i + 1] - radius * Math.sin(a);
                if (dx * dx + dy * dy <= tol * tol) {
                    counts[k]++;
                }
            }
        }
        int hit = 0;
        for (int c : counts) {
            if (c >= minFraction * n) {
                hit++;
            }
        }
        return hit;
    }

    /**
     * Returns the number of modes.
     *
     * @return modes
     */
    public int modes() {
        return modes;
    }

    /**
     * An MLP: {@code in → width → width → out} with ReLU, its parameters named like {@code
     * torch.nn.Sequential} ({@code 0.weight} … {@code 4.bias}) and initialized like {@code
     * torch.nn.Linear}: weight and bias uniform in ±1/√fan_in, drawn from the engine's seeded
     * generator. DJL's default (He-normal weights, zero bias, about 2.4× the spread) makes the ring
     * GAN collapse onto one or two modes, in PyTorch as well as here.
     *
     * @param m the manager for its parameters
     * @param in input size
     * @param width hidden width
     * @param out output size
     * @return the initialized MLP
     */
    public static Block mlp(NDManager m, int in, int width, int out) {
        return mlp(m, in, width, out, DataType.FLOAT32);
    }

    /**
     * {@link #mlp(NDManager, int, int, int)} with parameters of another floating type.
     *
     * @param m the manager for its parameters
     * @param in input size
     * @param width hidden width
     * @param out output size
     * @param dataType {@link DataType#FLOAT32} or {@link DataType#FLOAT64}
     * @return the initialized MLP
     */
    public static Block mlp(NDManager m, int in, int width, int out, DataType dataType) {
        if (in < 1 || width < 1 || out < 1) {
            throw new IllegalArgumentException("mlp sizes must be positive");
        }
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
            throw new IllegalArgumentException("mlp: float32 or float64, got " + dataType);
        }
        SequentialBlock b =
                new SequentialBlock()
                        .add(Linear.builder().setUnits(width).build())
                        .add(Activation::relu)
                        .add(Linear.builder().setUnits(width).build())
                        .add(Activation::relu)
                        .add(Linear.builder().setUnits(out).build());
        b.initialize(m, dataType, new Shape(1, in));
        for (Pair<String, Block> child : b.getChildren()) {
            if (child.getValue() instanceof Linear) {
                NDArray w = child.getValue().getParameters().get("weight").getArray();
                NDArray bias = child.getValue().getParameters().get("bias").getArray();
                float bound = (float) (1 / Math.sqrt(w.getShape().get(1)));
                try (NDManager s = m.newSubManager()) {
                    Assign.copy(w, s.randomUniform(-bound, bound, w.getShape()));
                    Assign.copy(bias, s.randomUniform(-bound, bound, bias.getShape()));
                }
            }
        }
        return b;
    }
}
