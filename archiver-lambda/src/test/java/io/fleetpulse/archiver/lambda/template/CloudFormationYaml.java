package io.fleetpulse.archiver.lambda.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A CloudFormation (or SAM) template as plain maps and lists, its short-form intrinsic functions read as their long
 * forms: {@code !Ref X} is {@code {Ref: X}}, {@code !GetAtt A.B} is {@code {Fn::GetAtt: [A, B]}}, {@code !Sub s} is
 * {@code {Fn::Sub: s}}, and so on.
 */
final class CloudFormationYaml extends SafeConstructor {

    private static final List<String> FUNCTIONS = List.of("Ref", "Condition", "Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs",
            "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or");

    private CloudFormationYaml() {
        super(new LoaderOptions());
        for (String function : FUNCTIONS) {
            yamlConstructors.put(new Tag("!" + function), new Intrinsic(function));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path template) throws IOException {
        return (Map<String, Object>) new Yaml(new CloudFormationYaml()).load(Files.readString(template));
    }

    private final class Intrinsic extends AbstractConstruct {
        private final String function;

        Intrinsic(String function) {
            this.function = function;
        }

        @Override
        public Object construct(Node node) {
            Object value;
            if (node instanceof ScalarNode scalar) {
                value = constructScalar(scalar);
            } else if (node instanceof SequenceNode sequence) {
                value = constructSequence(sequence);
            } else {
                value = constructMapping((MappingNode) node);
            }
            if (function.equals("GetAtt") && value instanceof String dotted) {
                value = List.of(dotted.split("\\.", 2));
            }
            return Map.of(function.equals("Ref") || function.equals("Condition") ? function : "Fn::" + function, value);
        }
    }
}
