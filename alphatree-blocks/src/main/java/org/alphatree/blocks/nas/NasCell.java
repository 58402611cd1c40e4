package org.alphatree.blocks.nas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.alphatree.blocks.core.Branches;
import org.alphatree.blocks.layers.Activation;

/**
 * A NASNet-A cell (Zoph et al. 2018, Fig. 4) with timm's module names: two inputs, the current
 * {@code x} and the previous cell's {@code x_prev}, are first mapped to the cell's width ({@code
 * left}, {@code right}); five combinations {@code comb_iter_i = op_left(a) + op_right(b)} then read
 * those or earlier combinations, and the cell's output concatenates some of them. The operations
 * are separable-conv branches and 3x3 pools ({@link NasLayers}); the wiring of each cell type is a
 * table ({@link Type}), so a cell reads like the paper's figure.
 *
 * <p>Inputs, as an {@link NDList}: {@code (x, x_prev)}; the stem's first cell takes {@code (x)}.
 * Diagrams draw each output combination as a branch of its two operations in parallel, into the
 * cell's output concatenation.
 */
public class NasCell extends Branches {

    /** One combination: {@code left(leftIn) + right(rightIn)}; a null op is the identity. */
    record Comb(String left, String leftIn, String right, String rightIn) {}

    /** The cell types of NASNet-A Large. */
    public enum Type {
        /** {@code cell_stem_0}: left = conv_1x1(x), right = x (stride 2). */
        STEM0(reductionCombs("left", "right"), List.of("c1", "c2", "c3", "c4")),
        /** {@code cell_stem_1}: left = conv_1x1(x), right = the factorized x_prev (stride 2). */
        STEM1(reductionCombs("left", "right"), List.of("c1", "c2", "c3", "c4")),
        /** {@code cell_0, 6, 12}: after a reduction, left = the factorized x_prev. */
        FIRST(normalCombs(), List.of("left", "c0", "c1", "c2", "c3", "c4")),
        /** {@code cell_1..5, ...}: left = conv_prev_1x1(x_prev), right = conv_1x1(x). */
        NORMAL(normalCombs(), List.of("left", "c0", "c1", "c2", "c3", "c4")),
        /** {@code reduction_cell_0, 1}: stride 2. */
        REDUCTION(reductionCombs("right", "left"), List.of("c1", "c2", "c3", "c4")),
        /** PNASNet's {@code cell_stem_0}: left = x, right = conv_1x1(x) (stride 2). */
        PNAS_STEM0(pnasCombs(true), List.of("c0", "c1", "c2", "c3", "c4")),
        /** A PNASNet cell: left = conv_prev_1x1(x_prev), right = conv_1x1(x). */
        PNAS(pnasCombs(false), List.of("c0", "c1", "c2", "c3", "c4")),
        /** A PNASNet reduction cell (stride 2; the last combination's right is a 1x1/2 conv). */
        PNAS_REDUCTION(pnasCombs(true), List.of("c0", "c1", "c2", "c3", "c4"));

        private final List<Comb> combs;
        private final List<String> outputs;

        Type(List<Comb> combs, List<String> outputs) {
            this.combs = combs;
            this.outputs = outputs;
        }

        /**
         * Returns the names concatenated into the output, in order.
         *
         * @return the output list
         */
        public List<String> outputs() {
            return outputs;
        }
    }

    /** The stem and reduction cells' wiring; {@code a} feeds the left ops, {@code b} the right. */
    private static List<Comb> reductionCombs(String a, String b) {
        return List.of(
                new Comb("comb_iter_0_left", a, "comb_iter_0_right", b),
                new Comb("comb_iter_1_left", a, "comb_iter_1_right", b),
                new Comb("comb_iter_2_left", a, "comb_iter_2_right", b),
                new Comb("comb_iter_3_right", "c0", null, "c1"),
                new Comb("comb_iter_4_left", "c0", "comb_iter_4_right", a));
    }

    /** PNASNet's cell (Liu et al. 2018, Fig. 2): the same five blocks in every cell. */
    private static List<Comb> pnasCombs(boolean reduction) {
        return List.of(
                new Comb("comb_iter_0_left", "left", "comb_iter_0_right", "left"),
                new Comb("comb_iter_1_left", "right", "comb_iter_1_right", "right"),
                new Comb("comb_iter_2_left", "right", "comb_iter_2_right", "right"),
                new Comb("comb_iter_3_left", "c2", "comb_iter_3_right", "right"),
                new Comb(
                        "comb_iter_4_left",
                        "left",
                        reduction ? "comb_iter_4_right" : null,
                        "right"));
    }

    /** The normal cells' wiring (Fig. 4, left). */
    private static List<Comb> normalCombs() {
        return List.of(
                new Comb("comb_iter_0_left", "right", "comb_iter_0_right", "left"),
                new Comb("comb_iter_1_left", "left", "comb_iter_1_right", "left"),
                new Comb("comb_iter_2_left", "right", null, "left"),
                new Comb("comb_iter_3_left", "left", "comb_iter_3_right", "left"),
                new Comb("comb_iter_4_left", "right", null, "right"));
    }

    private final Type type;

    private NasCell(Type type, String kind) {
        this.type = type;
        describeAs(kind);
    }

    /**
     * The stem's first cell ({@code CellStem0}).
     *
     * @param in the stem conv's channels (96)
     * @param c the cell's width (42)
     * @return the cell
     */
    public static NasCell stem0(int in, int c) {
        NasCell cell = new NasCell(Type.STEM0, "CellStem0(" + in + " -> " + 4 * c + ")");
        cell.add("conv_1x1", NasLayers.actConvBn(c));
        cell.reductionOps(c, in, true);
        cell.declareBranches();
        return cell;
    }

    /**
     * The stem's second cell ({@code CellStem1}).
     *
     * @param c the cell's width (84)
     * @return the cell
     */
    public static NasCell stem1(int c) {
        NasCell cell = new NasCell(Type.STEM1, "CellStem1(-> " + 4 * c + ")");
        cell.add("conv_1x1", NasLayers.actConvBn(c));
        cell.factorized(c / 2);
        cell.reductionOps(c, c, false);
        cell.declareBranches();
        return cell;
    }

    /**
     * The first cell after a reduction ({@code FirstCell}).
     *
     * @param outLeft the factorized x_prev's half width
     * @param outRight the cell's width
     * @return the cell
     */
    public static NasCell first(int outLeft, int outRight) {
        NasCell cell =
                new NasCell(Type.FIRST, "FirstCell(-> " + (2 * outLeft + 5 * outRight) + ")");
        cell.add("conv_1x1", NasLayers.actConvBn(outRight));
        cell.factorized(outLeft);
        cell.normalOps(2 * outLeft, outRight);
        cell.declareBranches();
        return cell;
    }

    /**
     * A normal cell ({@code NormalCell}).
     *
     * @param outLeft x_prev's width in the cell
     * @param outRight x's width in the cell
     * @return the cell
     */
    public static NasCell normal(int outLeft, int outRight) {
        NasCell cell = new NasCell(Type.NORMAL, "NormalCell(-> " + (outLeft + 5 * outRight) + ")");
        cell.add("conv_prev_1x1", NasLayers.actConvBn(outLeft));
        cell.add("conv_1x1", NasLayers.actConvBn(outRight));
        cell.normalOps(outLeft, outRight);
        cell.declareBranches();
        return cell;
    }

    /**
     * A reduction cell ({@code ReductionCell0/1}).
     *
     * @param c the cell's width
     * @return the cell
     */
    public static NasCell reduction(int c) {
        NasCell cell = new NasCell(Type.REDUCTION, "ReductionCell(-> " + 4 * c + ")");
        cell.add("conv_prev_1x1", NasLayers.actConvBn(c));
        cell.add("conv_1x1", NasLayers.actConvBn(c));
        cell.reductionOps(c, c, false);
        cell.declareBranches();
        return cell;
    }

    /**
     * PNASNet's stem cell ({@code cell_stem_0} of {@code pnasnet5large}).
     *
     * @param in the stem conv's channels (96)
     * @param c the cell's width (54)
     * @return the cell
     */
    public static NasCell pnasStem0(int in, int c) {
        NasCell cell = new NasCell(Type.PNAS_STEM0, "PnasCellStem0(" + in + " -> " + 5 * c + ")");
        cell.add("conv_1x1", NasLayers.actConvBn(c));
        cell.add("comb_iter_0_left", NasLayers.branchSeparables(in, c, 5, 2, true));
        cell.add(
                "comb_iter_0_right",
                new org.alphatree.blocks.core.Sequential()
                        .append("max_pool", NasLayers.pool(true, 2))
                        .append(
                                "conv",
                                org.alphatree.blocks.layers.Layers.conv2d(c, 1, 1, 0, 1, false))
                        .append("bn", NasLayers.bn(c)));
        cell.pnasOps(c, c, 2, in);
        cell.declareBranches();
        return cell;
    }

    /**
     * A PNASNet cell ({@code Cell} of {@code pnasnet5large}).
     *
     * @param outLeft x_prev's width in the cell
     * @param outRight x's width in the cell
     * @param reduction stride 2 (and a 1x1/2 conv as the last combination's right)
     * @param factorized whether x_prev has twice x's resolution ({@code conv_prev_1x1} is then a
     *     factorized reduction)
     * @return the cell
     */
    public static NasCell pnas(int outLeft, int outRight, boolean reduction, boolean factorized) {
        NasCell cell =
                new NasCell(
                        reduction ? Type.PNAS_REDUCTION : Type.PNAS,
                        "PnasCell(-> "
                                + (2 * outLeft + 3 * outRight)
                                + (reduction ? ", stride 2" : "")
                                + ")");
        cell.add(
                "conv_prev_1x1",
                factorized ? NasLayers.factorizedReduction(outLeft) : NasLayers.actConvBn(outLeft));
        cell.add("conv_1x1", NasLayers.actConvBn(outRight));
        int s = reduction ? 2 : 1;
        cell.add("comb_iter_0_left", NasLayers.branchSeparables(outLeft, outLeft, 5, s, false));
        cell.add("comb_iter_0_right", NasLayers.pool(true, s));
        cell.pnasOps(outLeft, outRight, s, 0);
        cell.declareBranches();
        return cell;
    }

    /** PNASNet's combinations 1 to 4; {@code stemIn} > 0 for the stem's fourth, else 0. */
    private void pnasOps(int left, int right, int s, int stemIn) {
        add("comb_iter_1_left", NasLayers.branchSeparables(right, right, 7, s, false));
        add("comb_iter_1_right", NasLayers.pool(true, s));
        add("comb_iter_2_left", NasLayers.branchSeparables(right, right, 5, s, false));
        add("comb_iter_2_right", NasLayers.branchSeparables(right, right, 3, s, false));
        add("comb_iter_3_left", NasLayers.branchSeparables(right, right, 3, 1, false));
        add("comb_iter_3_right", NasLayers.pool(true, s));
        add(
                "comb_iter_4_left",
                stemIn > 0
                        ? NasLayers.branchSeparables(stemIn, right, 3, s, true)
                        : NasLayers.branchSeparables(left, left, 3, s, false));
        if (s == 2) {
            add("comb_iter_4_right", NasLayers.actConvBn(right, 2));
        }
    }

    /** The diagram's view: one branch per output, its two operations in parallel. */
    private void declareBranches() {
        for (String out : type.outputs) {
            if (out.equals("left")) {
                if (hasChild("conv_prev_1x1")) {
                    branch("conv_prev_1x1");
                } else {
                    forkedBranch(List.of("act"), List.of("path_1", "path_2"));
                }
                continue;
            }
            Comb c = type.combs.get(Integer.parseInt(out.substring(1)));
            List<String> ops = new ArrayList<>();
            ops.add(c.left());
            if (c.right() != null) {
                ops.add(c.right());
            }
            summedBranch(List.of(), ops);
        }
    }

    private void factorized(int half) {
        add("act", Activation.reluBlock());
        add("path_1", NasLayers.path(half, false));
        add("path_2", NasLayers.path(half, true));
        add("final_path_bn", NasLayers.bn(2 * half));
    }

    /** Ops of the stem and reduction cells; {@code rightIn} is the right ops' input width. */
    private void reductionOps(int c, int rightIn, boolean stem) {
        add("comb_iter_0_left", NasLayers.branchSeparables(c, c, 5, 2, false));
        add("comb_iter_0_right", NasLayers.branchSeparables(rightIn, c, 7, 2, stem));
        add("comb_iter_1_left", NasLayers.pool(true, 2));
        add("comb_iter_1_right", NasLayers.branchSeparables(rightIn, c, 7, 2, stem));
        add("comb_iter_2_left", NasLayers.pool(false, 2));
        add("comb_iter_2_right", NasLayers.branchSeparables(rightIn, c, 5, 2, stem));
        add("comb_iter_3_right", NasLayers.pool(false, 1));
        add("comb_iter_4_left", NasLayers.branchSeparables(c, c, 3, 1, false));
        add("comb_iter_4_right", NasLayers.pool(true, 2));
    }

    private void normalOps(int left, int right) {
        add("comb_iter_0_left", NasLayers.branchSeparables(right, right, 5, 1, false));
        add("comb_iter_0_right", NasLayers.branchSeparables(left, left, 3, 1, false));
        add("comb_iter_1_left", NasLayers.branchSeparables(left, left, 5, 1, false));
        add("comb_iter_1_right", NasLayers.branchSeparables(left, left, 3, 1, false));
        add("comb_iter_2_left", NasLayers.pool(false, 1));
        add("comb_iter_3_left", NasLayers.pool(false, 1));
        add("comb_iter_3_right", NasLayers.pool(false, 1));
        add("comb_iter_4_left", NasLayers.branchSeparables(right, right, 3, 1, false));
    }

    /**
     * Returns the cell type.
     *
     * @return the type
     */
    public Type type() {
        return type;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        Map<String, NDArray> v = new HashMap<>();
        List<NDArray> owned = new ArrayList<>();
        switch (type) {
            case STEM0 -> {
                v.put("left", own(owned, call("conv_1x1", ps, x, training)));
                v.put("right", x);
            }
            case STEM1 -> {
                v.put("left", own(owned, call("conv_1x1", ps, x, training)));
                v.put("right", own(owned, factorized(ps, inputs.get(1), training)));
            }
            case PNAS_STEM0 -> {
                v.put("left", x);
                v.put("right", own(owned, call("conv_1x1", ps, x, training)));
            }
            case FIRST -> {
                v.put("left", own(owned, factorized(ps, inputs.get(1), training)));
                v.put("right", own(owned, call("conv_1x1", ps, x, training)));
            }
            default -> {
                v.put("left", own(owned, call("conv_prev_1x1", ps, inputs.get(1), training)));
                v.put("right", own(owned, call("conv_1x1", ps, x, training)));
            }
        }
        for (int i = 0; i < type.combs.size(); i++) {
            Comb c = type.combs.get(i);
            NDArray a = apply(ps, c.left(), v.get(c.leftIn()), training, owned);
            NDArray b = apply(ps, c.right(), v.get(c.rightIn()), training, owned);
            v.put("c" + i, own(owned, a.add(b)));
        }
        NDList parts = new NDList();
        type.outputs.forEach(n -> parts.add(v.get(n)));
        NDArray out = NDArrays.concat(parts, 1);
        owned.forEach(NDArray::close);
        return new NDList(out);
    }

    private NDArray apply(
            ParameterStore ps, String op, NDArray in, boolean training, List<NDArray> owned) {
        return op == null ? in : own(owned, call(op, ps, in, training));
    }

    private static NDArray own(List<NDArray> owned, NDArray a) {
        owned.add(a);
        return a;
    }

    /** final_path_bn(cat(path_1(relu(x_prev)), path_2(relu(x_prev)))). */
    private NDArray factorized(ParameterStore ps, NDArray prev, boolean training) {
        NDArray r = call("act", ps, prev, training);
        NDArray cat =
                concatAndClose(call("path_1", ps, r, training), call("path_2", ps, r, training));
        r.close();
        return consume("final_path_bn", ps, cat, training);
    }
}
