package dev.herd.engine.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herd.broker.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.PrivateKey;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every form a client certificate and its key come in, and a one-line reason naming the file for each mistake. */
class ClientIdentityTest {

    private static TestPki.ClientFiles client;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCertificates() {
        client = TestPki.shared().client();
    }

    @Test
    void aPemChainWithAPemKeyInAnotherFile() {
        ClientIdentity id = ClientIdentity.load(client.certificate(), client.key(), null);
        assertThat(id.chain()).hasSize(2);
        assertThat(id.chain()[0].getSubjectX500Principal().getName()).isEqualTo("CN=herd client");
        assertThat(id.key().getAlgorithm()).isEqualTo("EC");
        assertThat(id.toString()).contains("CN=herd client").doesNotContain("PRIVATE");
    }

    @Test
    void oneFileHoldingChainAndKey() {
        assertThat(ClientIdentity.load(client.combined(), null, null).chain()).hasSize(2);
    }

    @Test
    void aPkcs12StoreOpenedByItsPassword() {
        ClientIdentity id = ClientIdentity.load(client.pkcs12(), null, client.password());
        assertThat(id.chain()).hasSize(2);
        assertThatThrownBy(() -> ClientIdentity.load(client.pkcs12(), null, "wrong"))
                .hasMessage("the password given does not open " + client.pkcs12());
        assertThatThrownBy(() -> ClientIdentity.load(client.pkcs12(), client.key(), client.password()))
                .hasMessageStartingWith(client.pkcs12() + " is not PEM, so it must be a PKCS12 store");
    }

    @Test
    void anEncryptedPkcs8KeyOpenedByItsPassword() throws Exception {
        PrivateKey key = ClientIdentity.load(client.certificate(), client.key(), null).key();
        Path encrypted = dir.resolve("encrypted-key.pem");
        Files.writeString(encrypted, TestPki.pem("ENCRYPTED PRIVATE KEY", encrypt(key.getEncoded(), "s3cret")));

        assertThat(ClientIdentity.load(client.certificate(), encrypted, "s3cret").key()).isEqualTo(key);
        assertThatThrownBy(() -> ClientIdentity.load(client.certificate(), encrypted, null))
                .hasMessageStartingWith(encrypted + " holds an encrypted key; give its password");
        assertThatThrownBy(() -> ClientIdentity.load(client.certificate(), encrypted, "wrong"))
                .hasMessageContaining("does not open the key in " + encrypted);
    }

    @Test
    void mistakesAreOneLineNamingTheFile() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> ClientIdentity.load(missing, null, null))
                .hasMessage(missing + " does not exist or cannot be read");
        assertThatThrownBy(() -> ClientIdentity.load(client.certificate(), null, null))
                .hasMessageStartingWith(client.certificate() + " holds no private key");
        Path rsa = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n"
                + "-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> ClientIdentity.load(client.certificate(), rsa, null))
                .hasMessageContaining("herd reads PKCS#8").hasMessageContaining("openssl pkcs8 -topk8");
        Path text = Files.writeString(dir.resolve("text.p12"), "not a store");
        assertThatThrownBy(() -> ClientIdentity.load(text, null, "x"))
                .hasMessageStartingWith(text + " is neither PEM nor a PKCS12 store");
        assertThatThrownBy(() -> ClientIdentity.load(client.key(), client.key(), null))
                .hasMessage(client.key() + " holds no certificate");
    }

    /** PKCS#8 encrypted with PBES2 (PBKDF2 with HMAC-SHA256, AES-256), as {@code openssl pkcs8 -topk8 -v2} makes. */
    private static byte[] encrypt(byte[] pkcs8, String password) throws Exception {
        String algorithm = "PBEWithHmacSHA256AndAES_256";
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.ENCRYPT_MODE,
                SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password.toCharArray())),
                new PBEParameterSpec(new byte[16], 10_000, new IvParameterSpec(new byte[16])));
        // Named by PBES2's own OID, as openssl writes it (the JDK cannot name the scheme's parameters otherwise).
        AlgorithmParameters pbes2 = AlgorithmParameters.getInstance("PBES2");
        pbes2.init(cipher.getParameters().getEncoded());
        return new EncryptedPrivateKeyInfo(pbes2, cipher.doFinal(pkcs8)).getEncoded();
    }
}
