package com.agenthub.functions.testfunctions;

/** A wire probe like {@link RecordEvents}, consuming a different topic. */
public class RecordOtherEvents extends RecordEvents {}
