package io.fleetpulse.k8s;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fleetpulse.k8s.kustomize.Kubectl;
import io.fleetpulse.k8s.kustomize.Kustomizer;

/** Where kubectl is installed, the renderer gives exactly what {@code kubectl kustomize} gives for every kustomization. */
class KubectlAgreementTest {

    @ParameterizedTest
    @ValueSource(strings = {"base", "backing-services", "overlays/aws", "overlays/aws-provisioned", "overlays/dev"})
    void rendersLikeKubectl(String kustomization) {
        assumeTrue(Kubectl.available(), "kubectl is not installed");
        Path directory = Repo.k8s().resolve(kustomization);

        Kubectl.assertAgrees(directory, Kustomizer.render(directory));
    }
}
