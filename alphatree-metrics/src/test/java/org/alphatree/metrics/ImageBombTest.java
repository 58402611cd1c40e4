package org.alphatree.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny file declaring a huge image is refused from its header, as PIL does. */
class ImageBombTest {

    @TempDir Path tmp;

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        ByteBuffer len = ByteBuffer.allocate(4).putInt(data.length);
        out.writeBytes(len.array());
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void aPngDeclaring20000x20000IsRefusedUndecoded() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(20000).putInt(20000);
        ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", ihdr.array());
        chunk(png, "IEND", new byte[0]);
        Path f = tmp.resolve("bomb.png");
        Files.write(f, png.toByteArray());
        assertTrue(Files.size(f) < 100);
        IOException e = assertThrows(IOException.class, () -> ImageFolder.read(f));
        assertTrue(e instanceof ImageFolder.DecompressionBombException, e.toString());
        assertTrue(e.getMessage().contains("20000x20000 = 400000000 pixels"), e.getMessage());
    }

    @Test
    void anOrdinaryImageStillReads() throws IOException {
        BufferedImage img = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 2, 0x102030);
        Path f = tmp.resolve("ok.png");
        ImageIO.write(img, "png", f.toFile());
        ImageFolder.Pixels p = ImageFolder.read(f);
        assertEquals(3, p.height());
        assertEquals(0x10, (int) p.chw()[2 * 5 + 1]);
    }

    /** A folder over the image bound, or features over the memory budget, fail before reading. */
    @Test
    void imageCountsAndFeatureMatricesAreBounded() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("many"));
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 3; i++) {
            ImageIO.write(img, "png", dir.resolve("img" + i + ".png").toFile());
        }
        IOException e = assertThrows(IOException.class, () -> ImageFolder.of(dir, 2));
        assertTrue(e.getMessage().contains("more than 2 images"), e.getMessage());
        ImageFolder f = ImageFolder.of(dir);
        assertEquals(3, f.files().size());
        IOException b = assertThrows(IOException.class, () -> f.checkFeatureBudget(2048, 4096));
        assertTrue(b.getMessage().contains("3 images × 2048 features"), b.getMessage());
        f.checkFeatureBudget(2048);
    }
}
