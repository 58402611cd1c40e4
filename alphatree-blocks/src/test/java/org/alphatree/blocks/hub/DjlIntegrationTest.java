package org.alphatree.blocks.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.NoopTranslator;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.alphatree.blocks.AlphaTree;
import org.alphatree.blocks.registry.RegistryBlockFactory;
import org.alphatree.blocks.testing.TestWeights;
import org.alphatree.blocks.weights.TensorData;
import org.alphatree.blocks.weights.Weights;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AlphaTree as a DJL user meets it: the zoo through {@code Criteria}, predictors on two threads,
 * {@code Model.save}/{@code load} through the block factory, {@code EasyTrain.fit}. The weights are
 * the deterministic formula's, put into the (test) hub cache under a registered test entry.
 */
class DjlIntegrationTest {

    private static final String MODEL = "squeezenet1_1";
    private static final String WEIGHTS = "ALPHATREE_TEST";
    private static Path file;

    @BeforeAll
    static void fillTheCache() throws Exception {
        file =
                TestWeights.export(
                        AlphaTree.model(MODEL),
                        new Shape(1, 3, 224, 224),
                        HubCache.defaultCache()
                                .directory()
                                .resolve("squeezenet1_1-alphatree-test.safetensors"));
        WeightsRegistry.register(
                TestWeights.entry(WeightsRegistry.get(MODEL, null), WEIGHTS, file));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        WeightsRegistry.unregister(MODEL, WEIGHTS);
        Files.deleteIfExists(file);
    }

    private static Image image(long seed) {
        BufferedImage img = new BufferedImage(300, 260, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, (x * 3 + y + r.nextInt(40)) << 16 | (y * 2) << 8 | r.nextInt(256));
            }
        }
        return ImageFactory.getInstance().fromImage(img);
    }

    private static Criteria<Image, Classifications> criteria() {
        return Criteria.builder()
                .setTypes(Image.class, Classifications.class)
                .optModelName(MODEL)
                .optFilter("weights", WEIGHTS)
                .optEngine("PyTorch")
                .build();
    }

    @Test
    void criteriaLoadsANetworkWithItsWeightsAndTranslator() throws Exception {
        try (ZooModel<Image, Classifications> model = criteria().loadModel();
                Predictor<Image, Classifications> p = model.newPredictor()) {
            Classifications c = p.predict(image(1));
            List<Classifications.Classification> top = c.topK(5);
            assertEquals(5, top.size());
            List<String> labels = WeightsRegistry.get(MODEL, WEIGHTS).labels();
            for (int i = 0; i < 5; i++) {
                assertTrue(labels.contains(top.get(i).getClassName()), top.get(i).getClassName());
                assertTrue(
                        i == 0 || top.get(i).getProbability() <= top.get(i - 1).getProbability());
            }
            assertEquals("squeezenet1_1." + WEIGHTS, model.getName());
        }
    }

    @Test
    void theNdListRouteGivesTheLogitsTheClassificationsComeFrom() throws Exception {
        Criteria<NDList, NDList> raw =
                Criteria.builder()
                        .setTypes(NDList.class, NDList.class)
                        .optModelName(MODEL + "." + WEIGHTS)
                        .build();
        try (ZooModel<NDList, NDList> model = raw.loadModel();
                Predictor<NDList, NDList> p = model.newPredictor();
                NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0, 1, new Shape(1, 3, 224, 224));
            NDArray y = p.predict(new NDList(x)).singletonOrThrow();
            assertEquals(new Shape(1, 1000), y.getShape());
            // the same block forward by hand equals the predictor's
            NDArray direct =
                    model.getBlock()
                            .forward(
                                    new ai.djl.training.ParameterStore(m, false),
                                    new NDList(x),
                                    false)
                            .singletonOrThrow();
            assertArrayEquals(direct.toFloatArray(), y.toFloatArray());
        }
    }

    @Test
    void unknownNamesAndTypesAreModelNotFound() {
        Criteria<Image, Classifications> unknown =
                Criteria.builder()
                        .setTypes(Image.class, Classifications.class)
                        .optModelName(MODEL)
                        .optFilter("weights", "NOPE")
                        .optGroupId(AlphaTreeZoo.GROUP_ID)
                        .build();
        assertThrows(ModelNotFoundException.class, unknown::loadModel);
        Criteria<String, String> types =
                Criteria.builder()
                        .setTypes(String.class, String.class)
                        .optModelName(MODEL)
                        .optFilter("weights", WEIGHTS)
                        .optGroupId(AlphaTreeZoo.GROUP_ID)
                        .build();
        assertThrows(ModelNotFoundException.class, types::loadModel);
    }

    @Test
    void twoPredictorsOnTwoThreadsGiveEqualResults() throws Exception {
        try (ZooModel<Image, Classifications> model = criteria().loadModel()) {
            String expected;
            try (Predictor<Image, Classifications> p = model.newPredictor()) {
                expected = p.predict(image(2)).toJson();
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<List<String>>> runs =
                        List.of(pool.submit(() -> run(model)), pool.submit(() -> run(model)));
                for (Future<List<String>> f : runs) {
                    for (String s : f.get()) {
                        assertEquals(expected, s);
                    }
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    private static List<String> run(ZooModel<Image, Classifications> model) throws Exception {
        try (Predictor<Image, Classifications> p = model.newPredictor()) {
            java.util.ArrayList<String> out = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                out.add(p.predict(image(2)).toJson());
            }
            return out;
        }
    }

    @Test
    void modelSaveAndLoadRoundTripBitExactly(@TempDir Path dir) throws Exception {
        Map<String, TensorData> before;
        try (ZooModel<NDList, NDList> model =
                Criteria.builder()
                        .setTypes(NDList.class, NDList.class)
                        .optModelName(MODEL)
                        .optFilter("weights", WEIGHTS)
                        .build()
                        .loadModel()) {
            before = Weights.stateDict(model.getBlock());
            model.save(dir, "squeeze");
        }
        Criteria<NDList, NDList> reload =
                Criteria.builder()
                        .setTypes(NDList.class, NDList.class)
                        .optModelPath(dir)
                        .optModelName("squeeze")
                        .optEngine("PyTorch")
                        .optArgument("blockFactory", RegistryBlockFactory.class.getName())
                        .optArgument("model", MODEL)
                        .optTranslator(new NoopTranslator())
                        .build();
        try (ZooModel<NDList, NDList> model = reload.loadModel()) {
            Map<String, TensorData> after = Weights.stateDict(model.getBlock());
            assertEquals(before.keySet(), after.keySet());
            for (String k : before.keySet()) {
                assertArrayEquals(before.get(k).toFloats(), after.get(k).toFloats(), k);
            }
        }
    }

    private static float loss(Trainer trainer, NDArray x, NDArray y) {
        NDList out = trainer.evaluate(new NDList(x));
        return trainer.getLoss().evaluate(new NDList(y), out).getFloat();
    }

    @Test
    void easyTrainFitsAnAlphaTreeNetwork() throws Exception {
        try (Model model = Model.newInstance("fit")) {
            model.setBlock(AlphaTree.model("resnet18", 4));
            NDManager m = model.getNDManager();
            Random r = new Random(5);
            float[] xs = new float[8 * 3 * 64 * 64];
            float[] ys = new float[8];
            for (int i = 0; i < 8; i++) {
                ys[i] = i % 4;
                for (int j = 0; j < 3 * 64 * 64; j++) {
                    xs[i * 3 * 64 * 64 + j] = (float) (r.nextGaussian() * 0.2 + (i % 4) * 0.3);
                }
            }
            ArrayDataset data =
                    new ArrayDataset.Builder()
                            .setData(m.create(xs, new Shape(8, 3, 64, 64)))
                            .optLabels(m.create(ys, new Shape(8)))
                            .setSampling(4, false)
                            .build();
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(
                                    Optimizer.adam()
                                            .optLearningRateTracker(Tracker.fixed(1e-3f))
                                            .build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(4, 3, 64, 64));
                NDArray x = m.create(xs, new Shape(8, 3, 64, 64));
                NDArray y = m.create(ys, new Shape(8));
                float first = loss(trainer, x, y);
                EasyTrain.fit(trainer, 30, data, null);
                float last = loss(trainer, x, y);
                assertTrue(last < first * 0.7f, "eval loss " + first + " -> " + last);
            }
        }
    }
}
