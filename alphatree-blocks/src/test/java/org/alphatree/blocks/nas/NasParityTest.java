package org.alphatree.blocks.nas;

import static org.alphatree.blocks.testing.ReferenceChecks.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.BlockException;
import org.alphatree.blocks.registry.ModelInfo;
import org.alphatree.blocks.registry.ModelRegistry;
import org.alphatree.blocks.testing.ReferenceChecks;
import org.alphatree.blocks.testing.UnitParity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parity of the NAS family (tools/fixtures/nas.py): PolyNet's poly-3 module (one convolution shared
 * by the orders, one BatchNorm per order), its 2-way module and its stem in train mode with
 * gradients and running statistics; the state_dict keys of Cadene's port; the counts. Eval-mode
 * logits are in {@code registry.NetworkParityTest}.
 */
class NasParityTest {

    @Test
    void polyThreeModuleSharesConvolutionsAcrossOrders() {
        UnitParity.check("nas/poly3_b_train.npz", PolyModule.b(0.9f, 3), new Shape(2, 1152, 3, 3));
    }

    @Test
    void twoWayModuleSumsIndependentResiduals() {
        UnitParity.check(
                "nas/a_2way_train.npz",
                new MultiWay(0.95f, 2, InceptionResidual::a),
                new Shape(2, 384, 4, 4));
    }

    @Test
    void polyNetStemTrainModeAndGradients() {
        UnitParity.check("nas/polynet_stem_train.npz", new PolyStem(), new Shape(2, 3, 47, 47));
    }

    /** A cell of (x, x_prev) as a unit of one input, as tools/fixtures/nas.py:TwoInputs. */
    static final class TwoInputs extends AlphaBlock {
        private final long prevChannels;
        private final boolean half;

        TwoInputs(NasCell cell, long prevChannels, boolean half) {
            this.prevChannels = prevChannels;
            this.half = half;
            add("cell", cell);
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            NDArray z = inputs.singletonOrThrow();
            NDArray prev = z.get(":, :" + prevChannels);
            NDArray x =
                    z.get(half ? ":, " + prevChannels + ":, ::2, ::2" : ":, " + prevChannels + ":");
            NDList out = call("cell", ps, new NDList(x, prev), training, null);
            x.close();
            prev.close();
            return out;
        }
    }

    @Test
    void nasnetStemCellZeroWithSamePadding() {
        UnitParity.check(
                "nas/nasnet_stem0_train.npz", NasCell.stem0(96, 42), new Shape(2, 96, 11, 11));
    }

    @Test
    void nasnetStemCellOneWithFactorizedReduction() {
        UnitParity.check(
                "nas/nasnet_stem1_train.npz",
                new TwoInputs(NasCell.stem1(84), 96, true),
                new Shape(2, 96 + 168, 11, 11));
    }

    @Test
    void nasnetFirstCellAfterAReduction() {
        UnitParity.check(
                "nas/nasnet_first_cell_train.npz",
                new TwoInputs(NasCell.first(84, 168), 168, true),
                new Shape(2, 168 + 336, 6, 6));
    }

    @Test
    void nasnetNormalCell() {
        UnitParity.check(
                "nas/nasnet_normal_cell_train.npz",
                new TwoInputs(NasCell.normal(168, 168), 336, false),
                new Shape(2, 336 + 1008, 3, 3));
    }

    @Test
    void nasnetReductionCell() {
        UnitParity.check(
                "nas/nasnet_reduction_cell_train.npz",
                new TwoInputs(NasCell.reduction(336), 1008, false),
                new Shape(2, 1008 + 1008, 5, 5));
    }

    @Test
    void pnasnetStemCell() {
        UnitParity.check(
                "nas/pnasnet_stem0_train.npz", NasCell.pnasStem0(96, 54), new Shape(2, 96, 11, 11));
    }

    @Test
    void pnasnetStemCellOneReducesWithAFactorizedLeft() {
        UnitParity.check(
                "nas/pnasnet_stem1_train.npz",
                new TwoInputs(NasCell.pnas(108, 108, true, true), 96, true),
                new Shape(2, 96 + 270, 11, 11));
    }

    @Test
    void pnasnetCell() {
        UnitParity.check(
                "nas/pnasnet_cell_train.npz",
                new TwoInputs(NasCell.pnas(216, 216, false, false), 540, false),
                new Shape(2, 540 + 1080, 3, 3));
    }

    @Test
    void pnasnetReductionCell() {
        UnitParity.check(
                "nas/pnasnet_reduction_cell_train.npz",
                new TwoInputs(NasCell.pnas(432, 432, true, false), 1080, false),
                new Shape(2, 1080 + 1080, 5, 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"polynet", "nasnetalarge", "pnasnet5large", "nasnetamobile"})
    void stateDictKeysEqualTheReferences(String name) {
        ReferenceChecks.assertStateDictKeys("nas", name);
    }

    /** The twins with Cadene's names, through a real checkpoint loaded strictly by name. */
    @ParameterizedTest
    @ValueSource(strings = {"nasnetamobile:99", "polynet:331"})
    void cadeneNamedCheckpointLoadsStrictlyAndForwardEqualsTheTwin(String spec) throws Exception {
        long side = Long.parseLong(spec.split(":")[1]);
        ReferenceChecks.assertViewCheckpoint(
                "nas", spec.split(":")[0], new Shape(1, 3, side, side));
    }

    @Test
    void registryEqualsThePyTorchCounts() {
        ReferenceChecks.assertCounts("nas", 4);
    }

    /** The scale schedule of Cadene's port: 1.0, 0.992308, ... 0.930769 | 0.923077 ... 0.7. */
    @Test
    void scalesFallLinearly() {
        assertEquals(1f, PolyNet.scale(0));
        assertEquals(0.992308f, PolyNet.scale(1));
        assertEquals(0.930769f, PolyNet.scale(9));
        assertEquals(0.923077f, PolyNet.scale(10));
        assertEquals(0.776923f, PolyNet.scale(29));
        assertEquals(0.769231f, PolyNet.scale(30));
        assertEquals(0.7f, PolyNet.scale(39));
    }

    /** Outside 331..362 px the fixed 9x9 pool cannot feed the classifier: a clear error. */
    @ParameterizedTest
    @ValueSource(ints = {299, 363})
    void inputsOutsideTheNineByNineRangeAreRefused(int side) {
        ModelInfo info = ModelRegistry.get("polynet");
        BlockException e =
                ReferenceChecks.forwardFails(
                        info.build(), new Shape(1, 3, 331, 331), new Shape(1, 3, side, side));
        assertTrue(e.getMessage().contains("331 to 362"), e.getMessage());
    }

    @Test
    void buildersNameWhatIsWrong() {
        assertMessage(() -> PolyNet.builder().optDropout(2f).build(), "dropout");
        assertMessage(() -> NasNetA.builder().build(), "size");
        assertEquals(
                java.util.List.of("conv0", "cell_stem_0", "cell_3", "cell_7", "act"),
                NasNetA.builder().setSize(NasNetA.Size.MOBILE).build().featureNames());
        assertMessage(() -> PolyModule.b(-1f, 3), "scale");
        assertMessage(() -> new MultiWay(0.5f, 0, InceptionResidual::a), "ways");
        assertEquals(
                java.util.List.of("stem", "stage_a", "stage_b", "stage_c"),
                PolyNet.builder().build().featureNames());
    }
}
