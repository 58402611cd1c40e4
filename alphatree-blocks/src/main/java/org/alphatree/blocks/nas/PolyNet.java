package org.alphatree.blocks.nas;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.alphatree.blocks.core.BlockException;
import org.alphatree.blocks.core.DropoutBuilder;
import org.alphatree.blocks.core.NetworkBlock;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Dropout;
import org.alphatree.blocks.layers.Pool2d;

/**
 * PolyNet with the module names of Cadene's pretrained-models port ({@code polynet}), so its
 * checkpoint loads by path: {@code stem} ({@link PolyStem}), {@code stage_a} (10 A-2-way {@link
 * MultiWay} modules), {@code reduction_a}, {@code stage_b} (10 B-poly-3 {@link PolyModule}s
 * alternating with 10 B-2-way), {@code reduction_b}, {@code stage_c} (5 C-poly-3 alternating with 5
 * C-2-way), {@code avg_pool} (a fixed 9x9 average pool), {@code dropout} (0.2) and {@code
 * last_linear}. The residual scales fall linearly over the 40 modules, {@code 1 - 0.3 i / 39}
 * rounded to 6 decimals (1.0, 0.992308, ..., 0.7), as the port lists them. BatchNorm eps 1e-5.
 *
 * <p><b>Input 331 to 362 px</b>: the fixed {@code AvgPool2d(9)} must see a 9x9 map for the
 * 2048-wide classifier; other sizes are refused with a clear error. Stage outputs ({@link
 * #features}): {@code stem}, {@code stage_a}, {@code stage_b}, {@code stage_c}.
 *
 * <p>Zhang, Li, Loy &amp; Lin, "PolyNet: A Pursuit of Structural Diversity in Very Deep Networks",
 * CVPR 2017.
 */
public class PolyNet extends NetworkBlock {

    /** The smallest input side (a 9x9 final map). */
    public static final int MIN_SIZE = 331;

    /** The largest input side (still a 9x9 final map). */
    public static final int MAX_SIZE = 362;

    private static final List<String> TRUNK =
            List.of("stem", "stage_a", "reduction_a", "stage_b", "reduction_b", "stage_c");

    private PolyNet(DropoutBuilder.Simple<PolyNet> b) {
        super(b.getNumClasses(), new Head("avg_pool", "dropout", "last_linear", false));
        add("stem", new PolyStem());
        Sequential a = new Sequential();
        for (int i = 0; i < 10; i++) {
            a.add(new MultiWay(scale(i), 2, InceptionResidual::a));
        }
        add("stage_a", a);
        add("reduction_a", Reduction.a());
        Sequential sb = new Sequential();
        for (int i = 0; i < 20; i++) {
            float s = scale(10 + i);
            sb.add(i % 2 == 0 ? PolyModule.b(s, 3) : new MultiWay(s, 2, InceptionResidual::b));
        }
        add("stage_b", sb);
        add("reduction_b", Reduction.b());
        Sequential sc = new Sequential();
        for (int i = 0; i < 10; i++) {
            float s = scale(30 + i);
            sc.add(i % 2 == 0 ? PolyModule.c(s, 3) : new MultiWay(s, 2, InceptionResidual::c));
        }
        add("stage_c", sc);
        add("avg_pool", Pool2d.avg(9, 1, 0, false, true));
        add("dropout", new Dropout(b.getDropout()));
        layout(TRUNK, List.of("stem", "stage_a", "stage_b", "stage_c"), 2048);
        addClassifier();
    }

    /**
     * The residual scale of module i (0..39): {@code 1 - 0.3 i / 39} rounded to 6 decimals.
     *
     * @param i the module's index over the three stages
     * @return the scale
     */
    public static float scale(int i) {
        return (float) (Math.round((1 - 0.3 * i / 39) * 1e6) / 1e6);
    }

    /** {@inheritDoc} */
    @Override
    protected void checkInput(NDArray x) {
        super.checkInput(x);
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        if (h < MIN_SIZE || h > MAX_SIZE || w < MIN_SIZE || w > MAX_SIZE) {
            throw new BlockException(
                    "",
                    "PolyNet accepts inputs of "
                            + MIN_SIZE
                            + " to "
                            + MAX_SIZE
                            + " px (its fixed 9x9 average pool must see a 9x9 map), got "
                            + x.getShape(),
                    null);
        }
    }

    /**
     * Returns a builder (dropout 0.2, 1000 classes).
     *
     * @return a new builder
     */
    public static DropoutBuilder.Simple<PolyNet> builder() {
        return new DropoutBuilder.Simple<>(0.2f, PolyNet::new);
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "PolyNet";
    }
}
