
/* The declarations of the properties $cim_class$ declares (subclasses share them). */
