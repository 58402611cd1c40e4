package org.alphatree.blocks.hub;

import ai.djl.Application;
import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.transform.CenterCrop;
import ai.djl.modality.cv.transform.Normalize;
import ai.djl.modality.cv.transform.Resize;
import ai.djl.modality.cv.transform.ResizeShort;
import ai.djl.modality.cv.transform.ToTensor;
import ai.djl.modality.cv.translator.ImageClassificationTranslator;
import ai.djl.ndarray.NDList;
import ai.djl.repository.MRL;
import ai.djl.repository.Repository;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelLoader;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ModelZoo;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.repository.zoo.ZooProvider;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorFactory;
import ai.djl.util.Progress;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.alphatree.blocks.registry.Preprocessing;

/**
 * AlphaTree's registered networks with published weights as a DJL model zoo (group id {@value
 * #GROUP_ID}), so that a DJL user loads them the DJL way:
 *
 * <pre>{@code
 * Criteria<Image, Classifications> criteria = Criteria.builder()
 *         .setTypes(Image.class, Classifications.class)
 *         .optModelName("resnet50")            // or "resnet50.IMAGENET1K_V1"
 *         .optFilter("weights", "IMAGENET1K_V1") // optional: the default weights otherwise
 *         .optEngine("PyTorch")
 *         .build();
 * try (ZooModel<Image, Classifications> model = criteria.loadModel();
 *         Predictor<Image, Classifications> predictor = model.newPredictor()) { ... }
 * }</pre>
 *
 * <p>Arguments: {@code weights} (as the filter), {@code topK} (5). The weights come through the
 * {@link HubCache} (DJL's progress bar reports the download). The {@code Image → Classifications}
 * translator is built from the weights' transforms (resize the shorter side, center-crop, ToTensor,
 * normalize) and labels; {@code NDList → NDList} gets DJL's no-op translator; a translator or
 * translator factory in the criteria wins. DJL's resize is not antialiased like PIL's, which
 * torchvision's accuracy was measured with, so scores differ slightly from torchvision's on
 * downscaled photos.
 */
public final class AlphaTreeZoo extends ModelZoo {

    /** The zoo's group id. */
    public static final String GROUP_ID = "org.alphatree";

    private static final Repository REPOSITORY =
            Repository.newInstance("alphatree", HubCache.home().resolve("hub"));

    /** Creates the zoo with one loader per network with weights. */
    public AlphaTreeZoo() {
        Set<String> models = new LinkedHashSet<>();
        for (PretrainedWeights w : WeightsRegistry.all()) {
            models.add(w.model());
        }
        for (String m : models) {
            addModel(new Loader(m));
        }
    }

    /** {@inheritDoc} */
    @Override
    public String getGroupId() {
        return GROUP_ID;
    }

    /** {@inheritDoc} */
    @Override
    public Set<String> getSupportedEngines() {
        return Set.of("PyTorch");
    }

    /**
     * Returns DJL's {@code Image → Classifications} translator for a set of weights: their
     * transforms, their labels, softmax, top 5.
     *
     * @param weights the weights
     * @return the translator
     */
    public static ImageClassificationTranslator translator(PretrainedWeights weights) {
        return translator(weights, 5);
    }

    /**
     * Returns DJL's {@code Image → Classifications} translator for a set of weights, keeping the
     * {@code topK} best classes.
     *
     * @param weights the weights
     * @param topK how many classes the classifications keep
     * @return the translator
     * @throws IllegalArgumentException if {@code topK} is not in 1..numClasses
     */
    public static ImageClassificationTranslator translator(PretrainedWeights weights, int topK) {
        if (topK < 1 || topK > weights.numClasses()) {
            throw new IllegalArgumentException(
                    "topK must be in 1.." + weights.numClasses() + ", got " + topK);
        }
        Preprocessing p = weights.preprocessing();
        Image.Interpolation interpolation =
                p.interpolation().equals("bicubic")
                        ? Image.Interpolation.BICUBIC
                        : Image.Interpolation.BILINEAR;
        ImageClassificationTranslator.Builder b = ImageClassificationTranslator.builder();
        if (p.crop() > 0) {
            b.addTransform(new ResizeShort(p.resize(), -1, interpolation))
                    .addTransform(new CenterCrop(p.crop(), p.crop()));
        } else {
            b.addTransform(new Resize(p.resize(), p.resize(), interpolation));
        }
        return b.addTransform(new ToTensor())
                .addTransform(new Normalize(p.mean(), p.std()))
                .optSynset(weights.labels())
                .optApplySoftmax(true)
                .optTopK(topK)
                .build();
    }

    /** Registers the zoo with DJL (found through {@link java.util.ServiceLoader}). */
    public static final class Provider implements ZooProvider {
        /** Creates the provider. */
        public Provider() {}

        /** {@inheritDoc} */
        @Override
        public ModelZoo getModelZoo() {
            return new AlphaTreeZoo();
        }
    }

    /** Loads one registered network; the criteria's model name picks it. */
    private static final class Loader implements ModelLoader {
        private final String model;

        Loader(String model) {
            this.model = model;
        }

        @Override
        public String getGroupId() {
            return GROUP_ID;
        }

        @Override
        public String getArtifactId() {
            return model;
        }

        @Override
        public Application getApplication() {
            return Application.CV.IMAGE_CLASSIFICATION;
        }

        @Override
        public MRL getMrl() {
            return MRL.undefined(REPOSITORY, GROUP_ID, model);
        }

        private <I, O> PretrainedWeights resolve(Criteria<I, O> criteria)
                throws ModelNotFoundException {
            String name = criteria.getModelName();
            String weightsName = null;
            if (name == null) {
                name = criteria.getArtifactId();
            }
            if (name != null && name.contains(".")) {
                weightsName = name.substring(name.indexOf('.') + 1);
                name = name.substring(0, name.indexOf('.'));
            }
            if (!model.equals(name)) {
                throw new ModelNotFoundException(
                        "AlphaTree zoo: name the network with optModelName (e.g. resnet50)");
            }
            Map<String, String> filters = criteria.getFilters();
            Object arg =
                    criteria.getArguments() == null ? null : criteria.getArguments().get("weights");
            if (filters != null && filters.get("weights") != null) {
                weightsName = filters.get("weights");
            } else if (arg != null) {
                weightsName = arg.toString();
            }
            try {
                return WeightsRegistry.get(model, weightsName);
            } catch (IllegalArgumentException e) {
                throw new ModelNotFoundException(e.getMessage(), e);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public <I, O> ZooModel<I, O> loadModel(Criteria<I, O> criteria)
                throws IOException, ModelNotFoundException, MalformedModelException {
            PretrainedWeights weights = resolve(criteria);
            String engine = criteria.getEngine();
            if (engine != null && !engine.equals("PyTorch")) {
                throw new ModelNotFoundException(
                        "AlphaTree networks run on PyTorch, not " + engine);
            }
            Translator<I, O> translator = translatorFor(criteria, weights);
            Device device = criteria.getDevice();
            Model m = Model.newInstance(weights.id(), device, "PyTorch");
            try {
                m.setBlock(
                        Pretrained.load(
                                m.getNDManager(),
                                weights,
                                HubCache.defaultCache(),
                                criteria.getProgress()));
                m.setProperty("weights", weights.id());
                return new ZooModel<>(m, translator);
            } catch (IOException | RuntimeException e) {
                m.close();
                throw e;
            }
        }

        @SuppressWarnings("unchecked")
        private static <I, O> Translator<I, O> translatorFor(
                Criteria<I, O> criteria, PretrainedWeights weights) throws ModelNotFoundException {
            Class<I> in = criteria.getInputClass();
            Class<O> out = criteria.getOutputClass();
            TranslatorFactory factory = criteria.getTranslatorFactory();
            if (factory != null && factory.isSupported(in, out)) {
                try {
                    return factory.newInstance(in, out, null, criteria.getArguments());
                } catch (Exception e) {
                    throw new ModelNotFoundException(
                            "the criteria's translator factory failed: " + e.getMessage(), e);
                }
            }
            if (in == Image.class && out == Classifications.class) {
                Object k =
                        criteria.getArguments() == null
                                ? null
                                : criteria.getArguments().get("topK");
                int topK;
                try {
                    topK = k == null ? 5 : Integer.parseInt(k.toString().trim());
                } catch (NumberFormatException e) {
                    throw new ModelNotFoundException("topK must be an integer, got " + k, e);
                }
                return (Translator<I, O>) AlphaTreeZoo.translator(weights, topK);
            }
            if (in == NDList.class && out == NDList.class) {
                return (Translator<I, O>) new NoopTranslator();
            }
            throw new ModelNotFoundException(
                    "AlphaTree zoo: no translator from "
                            + in.getSimpleName()
                            + " to "
                            + out.getSimpleName()
                            + "; use Image → Classifications, NDList → NDList, or pass"
                            + " optTranslator");
        }

        @Override
        public <I, O> boolean isDownloaded(Criteria<I, O> criteria) throws ModelNotFoundException {
            PretrainedWeights w = resolve(criteria);
            return java.nio.file.Files.isRegularFile(HubCache.defaultCache().path(w));
        }

        @Override
        public <I, O> void downloadModel(Criteria<I, O> criteria, Progress progress)
                throws IOException, ModelNotFoundException {
            HubCache.defaultCache().fetch(resolve(criteria), progress);
        }

        @Override
        public String toString() {
            return GROUP_ID + ":" + model;
        }
    }
}
