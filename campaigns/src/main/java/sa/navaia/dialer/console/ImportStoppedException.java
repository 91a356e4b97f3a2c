package sa.navaia.dialer.console;

/** An import that began but stopped part-way (sending the same file again resumes it): 500 with the importer's sentence. */
class ImportStoppedException extends RuntimeException {
    ImportStoppedException(String message) {
        super(message);
    }
}
