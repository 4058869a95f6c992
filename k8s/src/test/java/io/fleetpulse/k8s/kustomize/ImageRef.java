package io.fleetpulse.k8s.kustomize;

/** An image reference split as kustomize's images transformer splits it: name, then an optional :tag or @digest. */
record ImageRef(String name, String tag, String digest) {

    static ImageRef parse(String image) {
        if (image == null) {
            throw new KustomizeException("a container without an image");
        }
        int at = image.indexOf('@');
        if (at >= 0) {
            return new ImageRef(image.substring(0, at), null, image.substring(at + 1));
        }
        int colon = image.lastIndexOf(':');
        if (colon > image.lastIndexOf('/')) { // a colon before the last slash is a registry port
            return new ImageRef(image.substring(0, colon), image.substring(colon + 1), null);
        }
        return new ImageRef(image, null, null);
    }

    ImageRef with(String newName, String newTag) {
        return new ImageRef(newName == null ? name : newName, newTag == null ? tag : newTag, newTag == null ? digest : null);
    }

    @Override
    public String toString() {
        return name + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
