package org.alphatree.blocks.hub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.alphatree.blocks.registry.Preprocessing;
import org.alphatree.blocks.weights.TensorData;

/**
 * One set of published weights for a registered network, as torchvision's {@code Weights} enum and
 * timm's {@code pretrained_cfg} describe it: where the file is, its hash, the eval transforms the
 * accuracy was measured with (V1 and V2 weights differ), the categories, the accuracy and the
 * licence.
 *
 * @param model the registry name of the network ({@code resnet50})
 * @param name the weights' name ({@code IMAGENET1K_V2}, or timm's tag {@code ra2_in1k})
 * @param isDefault whether these are the network's default weights (torchvision's {@code DEFAULT},
 *     timm's first tag)
 * @param url where the file is published
 * @param fileName the file's name in the cache (the URL's last segment, as torch.hub names it)
 * @param sha256 the file's SHA-256 in lower-case hex: all 64 digits where known, else the prefix
 *     the reference puts in the file name (torchvision's 8 to 10 digits), or empty where the
 *     publisher gives none (then the server's {@code X-Linked-Etag} is checked when present)
 * @param preprocessing the eval transforms
 * @param categories the label set's name ({@code imagenet-1k}), or empty for none
 * @param numClasses the classifier's outputs
 * @param top1 published ImageNet-1k top-1 accuracy in percent, NaN where none is published
 * @param top5 published top-5 accuracy in percent, NaN where none
 * @param sizeMb the file's size in MB (10^6 bytes) as published, NaN where unknown
 * @param license the licence string
 * @param recipe where the training recipe is described
 * @param source the publisher ({@code torchvision}, {@code timm}, {@code pytorch-fid})
 * @param variant the build variant of the network these weights need ({@link
 *     org.alphatree.blocks.registry.ModelInfo#build(String, int)}), empty for the plain one ({@code
 *     transform_input}: torchvision's GoogLeNet and Inception v3 weights)
 * @param renames state_dict key rewrites applied before loading (regex, replacement), for
 *     checkpoints older than the module names (torchvision's DenseNet)
 */
public record PretrainedWeights(
        String model,
        String name,
        boolean isDefault,
        String url,
        String fileName,
        String sha256,
        Preprocessing preprocessing,
        String categories,
        int numClasses,
        double top1,
        double top5,
        double sizeMb,
        String license,
        String recipe,
        String source,
        String variant,
        List<Rename> renames) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{0,64}");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9._+-]{1,200}");

    /**
     * A key rewrite: every key matching {@code pattern} becomes {@code replacement} ({@link
     * java.util.regex.Matcher#replaceAll(String)} syntax: {@code $1}).
     *
     * @param pattern the regular expression
     * @param replacement the replacement
     */
    public record Rename(Pattern pattern, String replacement) {}

    /** Validates the entry. */
    public PretrainedWeights {
        if (model == null || model.isEmpty() || name == null || name.isEmpty()) {
            throw new IllegalArgumentException("pretrained weights need a model and a name");
        }
        String id = model + "." + name;
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
            throw new IllegalArgumentException(id + ": url must be http(s), got " + url);
        }
        if (fileName == null || !FILE.matcher(fileName).matches() || fileName.startsWith(".")) {
            throw new IllegalArgumentException(
                    id + ": file name must be a plain name ([A-Za-z0-9._+-]), got " + fileName);
        }
        sha256 = sha256 == null ? "" : sha256.toLowerCase(Locale.ROOT);
        if (!HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException(
                    id + ": sha256 must be hex (a prefix or all 64 digits), got " + sha256);
        }
        if (preprocessing == null || numClasses < 1) {
            throw new IllegalArgumentException(id + ": needs preprocessing and numClasses >= 1");
        }
        categories = categories == null ? "" : categories;
        license = license == null ? "" : license;
        recipe = recipe == null ? "" : recipe;
        source = source == null ? "" : source;
        variant = variant == null ? "" : variant;
        renames = renames == null ? List.of() : List.copyOf(renames);
    }

    /**
     * Returns {@code model.name}, e.g. {@code resnet50.IMAGENET1K_V2}.
     *
     * @return the id
     */
    public String id() {
        return model + "." + name;
    }

    /**
     * Returns the category names, index = class ({@code imagenet-1k}: torchvision's and timm's
     * ImageNet-1k order), or class indices as strings when the weights carry no label set.
     *
     * @return one name per class
     */
    public List<String> labels() {
        List<String> names = categories.isEmpty() ? List.of() : Categories.get(categories);
        if (names.size() == numClasses) {
            return names;
        }
        List<String> out = new ArrayList<>(numClasses);
        for (int i = 0; i < numClasses; i++) {
            out.add(Integer.toString(i));
        }
        return out;
    }

    /**
     * Applies the key rewrites to a state_dict read from the file.
     *
     * @param stateDict tensors by key, as in the file
     * @return tensors by the network's key
     */
    public Map<String, TensorData> rename(Map<String, TensorData> stateDict) {
        if (renames.isEmpty()) {
            return stateDict;
        }
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : stateDict.entrySet()) {
            String k = e.getKey();
            for (Rename r : renames) {
                k = r.pattern().matcher(k).replaceAll(r.replacement());
            }
            out.put(k, e.getValue());
        }
        return out;
    }
}
