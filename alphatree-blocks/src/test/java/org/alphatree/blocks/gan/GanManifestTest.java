package org.alphatree.blocks.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.util.Map;
import java.util.TreeSet;
import org.alphatree.blocks.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The GAN registry's counts are the ones PyTorch wrote: every {@link GanModels} entry's trainable
 * parameters equal the count in its family's fixture manifest ({@code tools/fixtures/gan.py},
 * {@code progan.py}, {@code stylegan2.py}, {@code biggan.py}, which count the references themselves
 * or their twins), as {@code NetworkParityTest} does for the classifier registry.
 */
class GanManifestTest {

    /** Registry name → manifest file and the path of its count inside. */
    private static final Map<String, String> SOURCES =
            Map.of(
                    "dcgan_generator_64", "gan/manifest.json:dcgan_g_64",
                    "dcgan_discriminator_64", "gan/manifest.json:dcgan_d_64",
                    "progan_generator_1024", "progan/manifest.json:progan_generator_1024",
                    "progan_discriminator_1024", "progan/manifest.json:progan_discriminator_1024",
                    "stylegan2_generator_1024", "stylegan2/manifest.json:generator_1024.params",
                    "stylegan2_discriminator_1024",
                            "stylegan2/manifest.json:discriminator_1024.params",
                    "biggan_generator_128", "biggan/manifest.json:generator_128.params",
                    "biggan_discriminator_128", "biggan/manifest.json:discriminator_128.params");

    static TreeSet<String> entries() {
        TreeSet<String> names = new TreeSet<>();
        GanModels.all().forEach(e -> names.add(e.name()));
        return names;
    }

    @ParameterizedTest
    @MethodSource("entries")
    void registeredCountsEqualThePyTorchManifests(String name) {
        String source = SOURCES.get(name);
        assertNotNull(source, name + " has no manifest count: add it to SOURCES");
        String[] fileAndPath = source.split(":");
        JsonElement node = JsonParser.parseString(Fixtures.text(fileAndPath[0]));
        for (String key : fileAndPath[1].split("\\.")) {
            node = node.getAsJsonObject().get(key);
            assertNotNull(node, source);
        }
        assertEquals(
                node.getAsLong(),
                GanModels.find(name).orElseThrow().trainableParameters(),
                name + " against " + source);
    }
}
